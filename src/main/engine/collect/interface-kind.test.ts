import { describe, expect, it } from 'vitest';
import { interfaceKind, kindByName, type InterfaceFacts, type InterfaceKind } from './interface-kind.js';

// sysfs facts as Linux reports them: the veth, bridge, vxlan, macvlan and loopback rows were read
// from a 6.x kernel's /sys/class/net in a network namespace (ip link add …); the others follow the
// kernel's documented ABI (Documentation/ABI/testing/sysfs-class-net, uevent DEVTYPE values).
const NIC: InterfaceFacts = { device: true, type: 1 };
const VETH: InterfaceFacts = { device: false, type: 1 };
const BRIDGE: InterfaceFacts = { device: false, type: 1, devtype: 'bridge', bridge: true };

describe('interfaceKind from sysfs facts', () => {
  it.each<[string, InterfaceFacts, InterfaceKind, string]>([
    ['eth0', NIC, 'physical', 'a virtio or PCI NIC has a device'],
    ['enp3s0', NIC, 'physical', 'predictable name, PCI device'],
    ['wlp2s0', { ...NIC, devtype: 'wlan' }, 'physical', 'Wi-Fi'],
    ['enx00e04c680001', NIC, 'physical', 'USB Ethernet'],
    ['uplink0', NIC, 'physical', 'any name with a device'],
    ['lo', { device: false, type: 772 }, 'loopback', 'ARPHRD_LOOPBACK'],
    ['docker0', BRIDGE, 'virtual', 'Docker bridge'],
    ['br-1a2b3c4d5e6f', BRIDGE, 'virtual', 'Docker network bridge'],
    ['cni0', BRIDGE, 'virtual', 'CNI bridge'],
    ['virbr0', BRIDGE, 'virtual', 'libvirt bridge'],
    ['veth1a2b3c4', VETH, 'virtual', 'container veth end: no DEVTYPE, no device'],
    ['cali0123456789a', VETH, 'virtual', 'Calico pod interface (a veth)'],
    ['lxc0123456789a', VETH, 'virtual', 'Cilium pod interface (a veth)'],
    ['cilium_host', VETH, 'virtual', 'Cilium host veth'],
    ['eni1a2b3c4d5e6', VETH, 'virtual', 'AWS VPC CNI pod veth, a name no list knows'],
    ['flannel.1', { device: false, type: 1, devtype: 'vxlan' }, 'virtual', 'flannel VXLAN overlay'],
    ['vxlan.calico', { device: false, type: 1, devtype: 'vxlan' }, 'virtual', 'Calico VXLAN overlay'],
    ['genev_sys_6081', { device: false, type: 1, devtype: 'geneve' }, 'virtual', 'OVN Geneve tunnel'],
    ['tunl0', { device: false, type: 768 }, 'virtual', 'Calico IP-in-IP tunnel'],
    ['mv0', VETH, 'virtual', 'macvlan: no DEVTYPE'],
    ['tap0', { device: false, type: 1, tun: true }, 'virtual', 'a VM NIC (tap: Ethernet frames)'],
    ['vnet3', { device: false, type: 1, tun: true }, 'virtual', 'libvirt guest tap'],
    ['wg0', { device: false, type: 65534, devtype: 'wireguard' }, 'logical', 'WireGuard'],
    ['tailscale0', { device: false, type: 65534, tun: true }, 'logical', 'Tailscale (tun)'],
    ['tun0', { device: false, type: 65534, tun: true }, 'logical', 'OpenVPN (tun)'],
    ['ppp0', { device: false, type: 512 }, 'logical', 'PPP'],
    ['bond0', { device: false, type: 1, devtype: 'bond', bond: true }, 'logical', 'a bond of NICs'],
    ['eth0.100', { device: false, type: 1, devtype: 'vlan' }, 'logical', 'a VLAN on eth0'],
  ])('%s is %s (%s)', (name, facts, kind) => {
    expect(interfaceKind(name, facts)).toBe(kind);
  });

  it('goes by name inside a namespace where nothing has a device (a container’s own view)', () => {
    const alone = { hasPhysical: false };
    expect(interfaceKind('eth0', VETH, alone)).toBe('physical');
    expect(interfaceKind('cali0123456789a', VETH, alone)).toBe('virtual');
    expect(interfaceKind('lo', { device: false, type: 772 }, alone)).toBe('loopback');
    // What sysfs does say still counts.
    expect(interfaceKind('docker0', BRIDGE, alone)).toBe('virtual');
  });
});

describe('interfaceKind by name (macOS, Windows, no sysfs entry)', () => {
  it.each<[string, InterfaceKind]>([
    ['lo0', 'loopback'],
    ['Loopback Pseudo-Interface 1', 'loopback'],
    ['en0', 'physical'],
    ['eth0', 'physical'],
    ['Ethernet', 'physical'],
    ['Wi-Fi', 'physical'],
    ['utun3', 'logical'],
    ['wg0', 'logical'],
    ['tailscale0', 'logical'],
    ['ZeroTier One [8056c2e21c]', 'physical'],
    ['zt5u4vtkpx', 'logical'],
    ['bond0', 'logical'],
    ['eth0.100', 'logical'],
    ['vEthernet (WSL)', 'virtual'],
    ['awdl0', 'virtual'],
    ['llw0', 'virtual'],
    ['bridge0', 'virtual'],
    ['docker0', 'virtual'],
    ['veth9f3a', 'virtual'],
    ['ifb0', 'virtual'],
    ['vboxnet0', 'virtual'],
    ['vmnet8', 'virtual'],
  ])('%s is %s', (name, kind) => {
    expect(kindByName(name)).toBe(kind);
    expect(interfaceKind(name)).toBe(kind);
  });
});
