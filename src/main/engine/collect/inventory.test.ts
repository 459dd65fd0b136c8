import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, hostname, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInventory } from './inventory.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dashlight-root-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readInventory', () => {
  it('reads the Linux distro from /etc/os-release and the rest from os.*', async () => {
    await mkdir(join(root, 'etc'));
    await writeFile(
      join(root, 'etc/os-release'),
      'NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 13 (trixie)"\n',
    );
    const inventory = await readInventory({ platform: 'linux', rootDir: root });
    expect(inventory.os.distro).toBe('Debian GNU/Linux 13 (trixie)');
    expect(inventory.os.platform).toBe('linux');
    expect(inventory.hostname).toBe(hostname());
    expect(inventory.cpu.cores).toBe(cpus().length);
    expect(inventory.cpu.cores).toBeGreaterThan(0);
    expect(inventory.memTotalBytes).toBe(totalmem());
  });

  it('falls back to /usr/lib/os-release and NAME + VERSION, and omits the distro when there is none', async () => {
    await mkdir(join(root, 'usr/lib'), { recursive: true });
    await writeFile(join(root, 'usr/lib/os-release'), 'NAME=Alpine\nVERSION=3.20\n');
    expect((await readInventory({ platform: 'linux', rootDir: root })).os.distro).toBe('Alpine 3.20');
    const bare = await readInventory({ platform: 'linux', rootDir: join(root, 'nothing') });
    expect('distro' in bare.os).toBe(false);
  });

  it('uses si.osInfo off Linux and survives it failing', async () => {
    const mac = await readInventory({
      platform: 'darwin',
      osInfo: async () => ({ distro: 'macOS', release: '14.4.1' }),
    });
    expect(mac.os.distro).toBe('macOS 14.4.1');
    const broken = await readInventory({
      platform: 'win32',
      osInfo: async () => {
        throw new Error('powershell missing');
      },
    });
    expect(broken.os.distro).toBeUndefined();
  });
});
