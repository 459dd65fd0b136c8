import { describe, expect, it } from 'vitest';
import { appFromCgroup, appFromPath, isKernelThread, kernelApp } from './app-identity.js';

const ID = '3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708';

describe('appFromCgroup', () => {
  it.each([
    ['cgroup v2 system service', '0::/system.slice/nginx.service\n', 'unit:nginx.service'],
    [
      'a service instance, unescaped',
      '0::/system.slice/system-getty.slice/getty@tty1.service\n',
      'unit:getty@tty1.service',
    ],
    ['an escaped unit name', '0::/system.slice/dev-disk\\x2dby\\x2duuid.service\n', 'unit:dev-disk-by-uuid.service'],
    ['Docker, systemd driver', `0::/system.slice/docker-${ID}.scope\n`, 'container:3f2a1b4c5d6e'],
    ['Docker, cgroupfs driver (v1)', `12:pids:/docker/${ID}\n1:name=systemd:/docker/${ID}\n`, 'container:3f2a1b4c5d6e'],
    [
      'containerd in Kubernetes',
      `0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod9.slice/cri-containerd-${ID}.scope\n`,
      'container:3f2a1b4c5d6e',
    ],
    ['CRI-O', `0::/kubepods.slice/kubepods-pod9.slice/crio-${ID}.scope\n`, 'container:3f2a1b4c5d6e'],
    ['Kubernetes, cgroupfs driver', `0::/kubepods/burstable/pod1d2e3f/${ID}\n`, 'container:3f2a1b4c5d6e'],
    ['Podman', `0::/machine.slice/libpod-${ID}.scope/container\n`, 'container:3f2a1b4c5d6e'],
    ['LXC / Incus', '0::/lxc.payload.web01/system.slice/nginx.service\n', 'container:web01'],
    ['systemd-nspawn machine', '0::/machine.slice/machine-build\\x2dbox.scope/payload\n', 'container:build-box'],
    [
      'cgroup v1, systemd hierarchy',
      '5:memory:/system.slice/ssh.service\n1:name=systemd:/system.slice/ssh.service\n',
      'unit:ssh.service',
    ],
  ])('%s', (_, text, expected) => {
    const app = appFromCgroup(text);
    expect(app && `${app.kind}:${app.name}`).toBe(expected);
  });

  it.each([
    ['a user session scope', '0::/user.slice/user-1000.slice/session-2.scope\n'],
    [
      'a desktop app launched by GNOME',
      '0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-firefox-2100.scope\n',
    ],
    ['a user service', '0::/user.slice/user-1000.slice/user@1000.service/app.slice/pipewire.service\n'],
    ['init', '0::/init.scope\n'],
    ['the root (inside a container)', '0::/\n'],
    ['unreadable', undefined],
  ])('%s groups by executable instead', (_, text) => {
    expect(appFromCgroup(text)).toBeNull();
  });
});

describe('kernel threads', () => {
  it('are known by the kernel’s flag, and named without their CPU', () => {
    // PF_KTHREAD in the flags, not the pid: in a PID namespace, pid 2 is anyone.
    expect([isKernelThread(0x0020_8040), isKernelThread(0x0040_0100)]).toEqual([true, false]);
    expect(kernelApp('kworker/3:1H-kblockd')).toEqual({ kind: 'kernel', name: 'kworker' });
    expect(kernelApp('kswapd0')).toEqual({ kind: 'kernel', name: 'kswapd0' });
  });
});

describe('appFromPath', () => {
  it('macOS: the outermost .app bundle, so helpers count for their app', () => {
    const helper =
      '/Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/Versions/120/Helpers/Google Chrome Helper (Renderer).app/Contents/MacOS/Google Chrome Helper (Renderer)';
    expect(appFromPath(helper, 'Google Chrome Helper (Renderer)', 'darwin')).toEqual({
      kind: 'bundle',
      name: 'Google Chrome',
    });
    expect(appFromPath('/usr/sbin/cfprefsd', 'cfprefsd', 'darwin')).toEqual({ kind: 'exe', name: 'cfprefsd' });
  });

  it('Windows: the exe', () => {
    expect(appFromPath('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'chrome.exe', 'win32')).toEqual({
      kind: 'exe',
      name: 'chrome.exe',
    });
    expect(appFromPath('', 'System', 'win32')).toEqual({ kind: 'exe', name: 'System' });
  });
});
