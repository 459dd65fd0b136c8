/**
 * Network rates off Linux from systeminformation's networkStats(). Interface names come from
 * os.networkInterfaces() (no process) rather than si's '*' listing, which spawns more. The stats
 * themselves spawn per call: macOS runs `ifconfig` and `netstat -bdnI` per interface, Windows a
 * PowerShell Get-NetAdapterStatistics per interface (a persistent shell via si.powerShellStart()
 * makes that much cheaper). Rates use our own counter math, not si's rx_sec, so priming, resets and
 * gaps behave exactly like on Linux.
 *
 * @example
 * await new OsNetworkCollector().collect(performance.now()) // { 'net.rx_total[en0]': ..., 'net.rx[en0]': ..., 'net.rx': ... }
 */
import { networkInterfaces as nodeNetworkInterfaces } from 'node:os';
import { CounterRates } from '../counter-rates.js';
import { isRecordedInterface, kindByName } from '../interface-kind.js';
import { NET_KEYS, pairRates } from '../pair-rates.js';
import { loadSi, type Systeminformation } from '../si.js';
import type { Collector, Values } from '../types.js';

type NetReading = Pick<Systeminformation.NetworkStatsData, 'iface' | 'rx_bytes' | 'tx_bytes'>;

export interface OsNetworkOptions {
  /** Injected in tests; default to os.networkInterfaces names and si.networkStats. */
  readonly interfaceNames?: () => string[];
  readonly networkStats?: (ifaces: string) => Promise<readonly NetReading[]>;
}

/**
 * Physical and logical interfaces, by name. Virtual ones (bridges, VM and container networks) are
 * not read at all off Linux: each interface read costs a process per tick there, so there is no
 * `net.rx_virtual` on macOS and Windows.
 */
function isRecorded(name: string): boolean {
  return isRecordedInterface(kindByName(name));
}

export class OsNetworkCollector implements Collector {
  readonly name = 'network';
  readonly cadence = 'hot';
  private readonly rates = new CounterRates();
  private readonly interfaceNames: () => string[];
  private readonly networkStats: (ifaces: string) => Promise<readonly NetReading[]>;

  constructor(options: OsNetworkOptions = {}) {
    this.interfaceNames = options.interfaceNames ?? (() => Object.keys(nodeNetworkInterfaces()));
    this.networkStats = options.networkStats ?? (async (ifaces) => (await loadSi()).networkStats(ifaces));
  }

  async collect(monoMs: number): Promise<Values> {
    const names = this.interfaceNames().filter(isRecorded);
    if (names.length === 0) return {};
    const stats = await this.networkStats(names.join(','));
    const entries = stats
      // si reports 0/0 for an interface it could not match (Windows); that is "unknown", not zero traffic.
      .filter((s) => s.iface !== '' && isRecorded(s.iface) && (s.rx_bytes > 0 || s.tx_bytes > 0))
      .map((s) => ({
        entity: s.iface,
        a: s.rx_bytes,
        b: s.tx_bytes,
        aggregate: kindByName(s.iface) === 'physical',
      }));
    return pairRates(this.rates, monoMs, entries, NET_KEYS);
  }

  reset(): void {
    this.rates.reset();
  }
}
