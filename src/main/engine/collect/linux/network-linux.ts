/**
 * Network rates on Linux from /proc/net/dev: net.rx/tx[iface] in bytes/s, the raw counters
 * net.rx_total/tx_total[iface], and machine-wide net.rx/net.tx over physical interfaces
 * (see interface-kind.ts for what is skipped or kept out of the sum). No child process.
 *
 * @example
 * const net = new LinuxNetworkCollector();
 * await net.collect(0);    // raw totals only (rates primed)
 * await net.collect(1000); // { 'net.rx[eth0]': 2048, ..., 'net.rx': 2048, 'net.tx': 512 }
 */
import { CounterRates } from '../counter-rates.js';
import { interfaceKind, isRecordedInterface } from '../interface-kind.js';
import { NET_KEYS, pairRates } from '../pair-rates.js';
import type { Collector, Values } from '../types.js';
import type { LinuxCollectorOptions } from './cpu-linux.js';
import { parseNetDev } from './parse-net-dev.js';
import { ProcFile } from './read-proc.js';
import { join } from 'node:path';

export class LinuxNetworkCollector implements Collector {
  readonly name = 'network';
  readonly cadence = 'hot';
  private readonly file: ProcFile;
  private readonly rates = new CounterRates();

  constructor(options: LinuxCollectorOptions = {}) {
    this.file = new ProcFile(join(options.procRoot ?? '/proc', 'net/dev'));
  }

  async collect(monoMs: number): Promise<Values> {
    const text = await this.file.readText();
    if (text === undefined) return {};
    const entries = parseNetDev(text)
      .filter(({ iface }) => isRecordedInterface(iface))
      .map(({ iface, rxBytes, txBytes }) => ({
        entity: iface,
        a: rxBytes,
        b: txBytes,
        aggregate: interfaceKind(iface) === 'physical',
      }));
    return pairRates(this.rates, monoMs, entries, NET_KEYS);
  }

  close(): Promise<void> {
    return this.file.close();
  }

  reset(): void {
    this.rates.reset();
  }
}
