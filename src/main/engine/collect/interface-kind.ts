/**
 * Classifies network interfaces by name, on every OS, to decide what is recorded and what counts
 * toward the machine-wide `net.rx` / `net.tx`.
 *
 * - `loopback` (lo, lo0, Windows "Loopback Pseudo-Interface"): never recorded; it is not network traffic.
 * - `ephemeral` (veth*, ifb*): never recorded. veth pairs are created per container with random
 *   names, so each restart would mint new series forever; ifb mirrors ingress traffic of another link.
 * - `virtual` (bridges, tunnels, VPNs, VM/container networks): recorded per interface, but left out of
 *   the aggregate, because their bytes also cross a physical link (a VPN packet is counted on tun0
 *   and again, encrypted, on wlan0) and would be counted twice.
 * - `physical`: everything else; recorded and summed into the aggregate.
 *
 * @example
 * interfaceKind('eth0')      // 'physical'
 * interfaceKind('docker0')   // 'virtual'
 * interfaceKind('veth1a2b')  // 'ephemeral'
 */

export type InterfaceKind = 'loopback' | 'ephemeral' | 'virtual' | 'physical';

const LOOPBACK = /^(lo\d*|loopback.*)$/i;
// Case-sensitive on purpose: Windows "vEthernet (WSL)" is a virtual switch, not a veth pair.
const EPHEMERAL = /^(veth|ifb)/;
const VIRTUAL =
  /^(docker|br-|bridge|virbr|vnet|vboxnet|vmnet|vethernet|tun|tap|wg|tailscale|zt|utun|ipsec|ppp|awdl|llw|anpi|gif|stf|ap\d|cni|flannel|cali|cilium|kube|weave|lxcbr|lxdbr|lxc|podman|dummy|nordlynx|proton|mullvad|isatap|teredo|sit|ip6tnl|gre|erspan|vxlan|macvtap)/i;

export function interfaceKind(name: string): InterfaceKind {
  if (LOOPBACK.test(name)) return 'loopback';
  if (EPHEMERAL.test(name)) return 'ephemeral';
  if (VIRTUAL.test(name)) return 'virtual';
  return 'physical';
}

/** True when the interface gets per-interface series at all. */
export function isRecordedInterface(name: string): boolean {
  const kind = interfaceKind(name);
  return kind === 'virtual' || kind === 'physical';
}
