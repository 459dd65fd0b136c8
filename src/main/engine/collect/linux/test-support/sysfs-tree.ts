/**
 * Writes a sysfs tree for a test: files with their text, and the symlinks sysfs is made of
 * (`class/hwmon/hwmon4` → the device's folder, `hwmon4/device` → the device).
 *
 * @example
 * const root = await writeSysfs(INTEL_LAPTOP); // then new LinuxHwmonCollector({ sysRoot: root })
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A path relative to the sysfs root, and its text (a newline is added) or the target of a link. */
export type SysfsTree = Readonly<Record<string, string | { readonly link: string }>>;

export async function writeSysfs(tree: SysfsTree, root?: string): Promise<string> {
  const base = root ?? (await mkdtemp(join(tmpdir(), 'dashlight-sys-')));
  for (const [path, entry] of Object.entries(tree)) {
    await mkdir(dirname(join(base, path)), { recursive: true });
    if (typeof entry === 'string') await writeFile(join(base, path), `${entry}\n`);
    else await symlink(entry.link, join(base, path));
  }
  return base;
}

/** The files of one hwmon chip under its device, and the class link to it. */
export function hwmon(
  index: number,
  device: string,
  files: Readonly<Record<string, string>>,
): Record<string, string | { link: string }> {
  const dir = `${device}/hwmon/hwmon${index}`;
  const tree: Record<string, string | { link: string }> = {
    [`class/hwmon/hwmon${index}`]: { link: `../../${dir}` },
    [`${dir}/device`]: { link: '../..' },
  };
  for (const [file, text] of Object.entries(files)) tree[`${dir}/${file}`] = text;
  return tree;
}

/** cpufreq as the kernel lays it out: a policy per core, linked from the core's folder (kHz). */
export function cpufreq(khz: readonly number[]): Record<string, string | { link: string }> {
  const tree: Record<string, string | { link: string }> = {
    'devices/system/cpu/online': `0-${khz.length - 1}`,
    'devices/system/cpu/cpuidle/current_driver': 'intel_idle',
  };
  khz.forEach((value, i) => {
    tree[`devices/system/cpu/cpufreq/policy${i}/scaling_cur_freq`] = String(value);
    tree[`devices/system/cpu/cpu${i}/cpufreq`] = { link: `../cpufreq/policy${i}` };
  });
  return tree;
}
