/**
 * Network rates on Linux from /proc/net/dev: per physical and logical interface net.rx/tx[iface]
 * in bytes/s and the raw counters net.rx_total/tx_total[iface]; machine-wide net.rx/net.tx over
 * physical interfaces; and the summed rates of every virtual interface (containers, bridges, CNI,
 * overlays) as net.rx_virtual/net.tx_virtual. What an interface is comes from sysfs
 * (interface-facts.ts, interface-kind.ts). No child process.
 *
 * @example
 * const net = new LinuxNetworkCollector();
 * await net.collect(0);    // raw totals only (rates primed)
 * await net.collect(1000); // { 'net.rx[eth0]': 2048, ..., 'net.rx': 2048, 'net.tx': 512, 'net.rx_virtual': 90, … }
 */
import { join } from 'node:path';
import { CounterRates } from '../counter-rates.js';
import { interfaceKind, isRecordedInterface, type InterfaceKind } from '../interface-kind.js';
import { CounterSum, NET_KEYS, VIRTUAL_NET_KEYS, emptyColumns, pairRates, type PairCounters } from '../pair-rates.js';
import type { Collector, Values } from '../types.js';
import type { LinuxCollectorOptions } from './cpu-linux.js';
import { InterfaceFactsReader } from './interface-facts.js';
import { parseNetDev } from './parse-net-dev.js';
import { ProcFile } from './read-proc.js';

export interface LinuxNetworkOptions extends LinuxCollectorOptions {
  /** Where sysfs is mounted; tests point this at a fixture folder. */
  readonly sysRoot?: string;
}

export class LinuxNetworkCollector implements Collector {
  readonly name = 'network';
  readonly cadence = 'hot';
  private readonly file: ProcFile;
  private readonly rates = new CounterRates();
  private readonly virtual = new CounterSum(VIRTUAL_NET_KEYS);
  readonly facts: InterfaceFactsReader;
  /** Each interface's kind, worked out when the list of interfaces last changed. */
  private kinds = new Map<string, InterfaceKind>();
  private listed: readonly string[] = [];

  constructor(options: LinuxNetworkOptions = {}) {
    this.file = new ProcFile(join(options.procRoot ?? '/proc', 'net/dev'));
    this.facts = new InterfaceFactsReader(options.sysRoot ?? '/sys');
  }

  async collect(monoMs: number): Promise<Values> {
    const text = await this.file.readText();
    if (text === undefined) return {};
    const counters = parseNetDev(text);
    await this.classify(counters.map((c) => c.iface));
    const recorded: PairCounters[] = [];
    const virtual = emptyColumns();
    for (const { iface, rxBytes, txBytes } of counters) {
      const kind = this.kinds.get(iface);
      if (kind === 'virtual') {
        virtual.names.push(iface);
        virtual.a.push(rxBytes);
        virtual.b.push(txBytes);
      } else if (kind && isRecordedInterface(kind)) {
        recorded.push({ entity: iface, a: rxBytes, b: txBytes, aggregate: kind === 'physical' });
      }
    }
    return { ...pairRates(this.rates, monoMs, recorded, NET_KEYS), ...this.virtual.update(virtual, monoMs) };
  }

  /** Works out every interface's kind again when the list changed (an interface came or went). */
  private async classify(names: readonly string[]): Promise<void> {
    if (names.length === this.listed.length && names.every((name, i) => name === this.listed[i])) return;
    this.listed = names;
    const facts = await this.facts.read(names);
    const context = { hasPhysical: [...facts.values()].some((f) => f?.device === true) };
    this.kinds = new Map(names.map((name) => [name, interfaceKind(name, facts.get(name) ?? null, context)]));
  }

  close(): Promise<void> {
    return this.file.close();
  }

  reset(): void {
    this.rates.reset();
    this.virtual.reset();
  }
}
