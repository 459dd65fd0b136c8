/**
 * Classifies network interfaces, on every OS, to decide what is recorded and how. On Linux the
 * kernel says what an interface is (sysfs: /sys/class/net/<name>/device, type, uevent's DEVTYPE,
 * bridge/, bonding/, tun_flags); elsewhere, or when sysfs has nothing, the name does.
 *
 * - `loopback` (lo, lo0, Windows "Loopback Pseudo-Interface"): never recorded; not network traffic.
 * - `physical` (a NIC, Wi-Fi, a USB adapter: Linux gives it a `device`): recorded per interface
 *   (4 series) and summed into the machine-wide `net.rx` / `net.tx`.
 * - `logical`: a link a person set up on top of others: a VPN tunnel (WireGuard, Tailscale,
 *   OpenVPN's tun, ZeroTier, PPP, macOS utun), a bond, a VLAN. Few and long-lived, and what
 *   someone on a VPN wants to see: recorded per interface, but not summed (its bytes also cross
 *   a physical link, encrypted or split, and would be counted twice).
 * - `virtual`: the plumbing of containers, VMs and Kubernetes: bridges (docker0, br-*, virbr*,
 *   cni0), veth pairs and their CNI names (cali*, lxc*, vethXXXX), overlay tunnels (flannel.1,
 *   vxlan, geneve, IPIP tunl0, GRE), VM taps, ifb, dummy. They come and go with every pod, so
 *   they are not recorded one by one: their rates are summed into `net.rx_virtual` and
 *   `net.tx_virtual`, one series each however many there are.
 *
 * @example
 * interfaceKind('eth0', { device: true })                   // 'physical'
 * interfaceKind('cali1b2c3d4e5f6', { device: false, type: 1 }) // 'virtual'
 * interfaceKind('wg0', { device: false, devtype: 'wireguard' }) // 'logical'
 * interfaceKind('docker0')                                  // 'virtual' (by name, no sysfs)
 */

export type InterfaceKind = 'loopback' | 'physical' | 'logical' | 'virtual';

/** What Linux sysfs says about an interface; absent fields were not readable. */
export interface InterfaceFacts {
  /** /sys/class/net/<name>/device exists: a bus device (PCI, USB, virtio) backs it. */
  readonly device: boolean;
  /** ARPHRD type from `type`: 1 Ethernet, 772 loopback, 65534 none (tun, WireGuard), 512 PPP, 768 IPIP, 776 SIT, 778 GRE. */
  readonly type?: number;
  /** DEVTYPE from `uevent`: bridge, vlan, bond, wlan, wireguard, vxlan, geneve, … */
  readonly devtype?: string;
  /** `tun_flags` exists: a tun or tap device. */
  readonly tun?: boolean;
  /** `bridge/` exists. */
  readonly bridge?: boolean;
  /** `bonding/` exists. */
  readonly bond?: boolean;
}

/** What the other interfaces of this network namespace are: with no physical one at all, sysfs says little. */
export interface NamespaceContext {
  /** Some interface of this namespace has a `device`. */
  readonly hasPhysical: boolean;
}

const LOOPBACK = /^(lo\d*|loopback.*)$/i;
/** VPN tunnels by name (Linux, macOS, Windows adapters). */
const VPN_NAMES = /^(wg|tailscale|zt|tun\d|utun|ipsec|ppp|nordlynx|proton|mullvad|openvpn|wintun)/i;
/** Bonds and VLANs by name (eth0.100, bond0, team0). */
const STACKED_NAMES = /^(bond|team)\d|^[^.]+\.\d+$/;
/** Container, VM, bridge, CNI and overlay plumbing by name. veth is case-sensitive: Windows "vEthernet (WSL)" is a switch, matched below. */
const VIRTUAL_NAMES =
  /^(veth|ifb|docker|br-|bridge|virbr|vnet|vboxnet|vmnet|tap|cni|flannel|cali|cilium|lxc|kube|weave|lxdbr|podman|dummy|vxlan|geneve|tunl|gre|erspan|sit|ip6tnl|macvtap|macvlan|awdl|llw|anpi|ap\d|gif|stf|isatap|teredo|genev|antrea|ovs|nodelocaldns)/;
const VIRTUAL_NAMES_ANY_CASE = /^vethernet/i;
/** DEVTYPEs of links a person set up on top of others. */
const LOGICAL_DEVTYPES = new Set(['wireguard', 'vlan', 'bond', 'team', 'ppp']);
const ARPHRD_LOOPBACK = 772;
const ARPHRD_NONE = 65534;
const ARPHRD_PPP = 512;

/** The kind by name alone: off Linux, or where sysfs has no entry for it. */
export function kindByName(name: string): InterfaceKind {
  if (LOOPBACK.test(name)) return 'loopback';
  if (VPN_NAMES.test(name) || STACKED_NAMES.test(name)) return 'logical';
  if (VIRTUAL_NAMES.test(name) || VIRTUAL_NAMES_ANY_CASE.test(name)) return 'virtual';
  return 'physical';
}

/**
 * The kind of an interface from its sysfs facts when there are any, else from its name. Inside a
 * container's own namespace nothing has a `device` (its eth0 is a veth end): there the names
 * decide, so the container's eth0 is still its physical link.
 */
export function interfaceKind(
  name: string,
  facts: InterfaceFacts | null = null,
  context: NamespaceContext = { hasPhysical: true },
): InterfaceKind {
  if (!facts) return kindByName(name);
  if (facts.type === ARPHRD_LOOPBACK || LOOPBACK.test(name)) return 'loopback';
  if (facts.devtype !== undefined && LOGICAL_DEVTYPES.has(facts.devtype)) return 'logical';
  if (facts.bond || facts.type === ARPHRD_PPP) return 'logical';
  // A tun device (no Ethernet header) is a VPN's; a tap (Ethernet) is a VM's NIC.
  if (facts.tun && facts.type === ARPHRD_NONE) return 'logical';
  if (facts.device) return 'physical';
  if (facts.bridge || facts.tun || facts.devtype !== undefined) return 'virtual';
  if (!context.hasPhysical) return kindByName(name);
  return VPN_NAMES.test(name) ? 'logical' : 'virtual';
}

/** True when the interface gets per-interface series. */
export function isRecordedInterface(kind: InterfaceKind): boolean {
  return kind === 'physical' || kind === 'logical';
}
