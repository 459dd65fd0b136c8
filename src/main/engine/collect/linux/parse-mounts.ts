/**
 * Parses /proc/self/mounts (fstab format). Spaces, tabs, newlines and backslashes in paths are
 * written as octal escapes (`/mnt/My\040Disk`) and are decoded here.
 *
 * @example
 * parseMounts('/dev/sda1 /mnt/My\\040Disk ext4 rw 0 0\n')
 * // [{ source: '/dev/sda1', mountpoint: '/mnt/My Disk', fstype: 'ext4' }]
 */
export interface MountEntry {
  readonly source: string;
  readonly mountpoint: string;
  readonly fstype: string;
}

function unescapeOctal(value: string): string {
  return value.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

export function parseMounts(text: string): MountEntry[] {
  const result: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const [source, mountpoint, fstype] = line.trim().split(/\s+/);
    if (!source || !mountpoint || !fstype) continue;
    result.push({ source: unescapeOctal(source), mountpoint: unescapeOctal(mountpoint), fstype });
  }
  return result;
}
