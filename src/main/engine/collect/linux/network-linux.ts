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
import { interfaceKind, isRecordedInterface } from '../interface-kind.js';
import { CounterSum, NET_KEYS, VIRTUAL_NET_KEYS, emptyColumns, pairRates, type PairCounters } from '../pair-rates.js';
import type { Collector, Values } from '../types.js';
import type { LinuxCollectorOptions } from './cpu-linux.js';
import { InterfaceFactsReader } from './interface-facts.js';
import { NetDevTable } from './parse-net-dev.js';
import { ProcFile } from './read-proc.js';

export interface LinuxNetworkOptions extends LinuxCollectorOptions {
  /** Where sysfs is mounted; tests point this at a fixture folder. */
  readonly sysRoot?: string;
}

/** Where each kind of interface sits in /proc/net/dev's list, worked out when the list changes. */
interface Places {
  /** The list these places are in (the table's `names` array when it was classified). */
  readonly names: readonly string[];
  /** Physical and logical interfaces: recorded one by one. */
  readonly recorded: readonly number[];
  /** Per recorded interface: summed into net.rx / net.tx (physical ones). */
  readonly aggregate: readonly boolean[];
  /** Virtual interfaces: summed into net.rx_virtual / net.tx_virtual. */
  readonly virtual: readonly number[];
}

export class LinuxNetworkCollector implements Collector {
  readonly name = 'network';
  readonly cadence = 'hot';
  private readonly file: ProcFile;
  private readonly table = new NetDevTable();
  private readonly rates = new CounterRates();
  private readonly virtual = new CounterSum(VIRTUAL_NET_KEYS);
  readonly facts: InterfaceFactsReader;
  private places: Places = { names: [], recorded: [], aggregate: [], virtual: [] };
  /** The virtual interfaces' counters, refilled in place every tick. */
  private readonly virtualCounters = emptyColumns();

  constructor(options: LinuxNetworkOptions = {}) {
    this.file = new ProcFile(join(options.procRoot ?? '/proc', 'net/dev'));
    this.facts = new InterfaceFactsReader(options.sysRoot ?? '/sys');
  }

  async collect(monoMs: number): Promise<Values> {
    const bytes = this.file.readBytes();
    if (bytes === undefined) return {};
    this.table.parse(bytes);
    // Classified again whenever the list is a new one (and until classifying succeeds).
    if (this.table.names !== this.places.names) await this.classify(this.table.names);
    const { names, rx, tx } = this.table;
    const { recorded, aggregate, virtual } = this.places;
    const pairs = recorded.map((at, i): PairCounters => ({
      entity: names[at]!,
      a: rx[at]!,
      b: tx[at]!,
      aggregate: aggregate[i]!,
    }));
    const columns = this.virtualCounters;
    for (let i = 0; i < virtual.length; i++) {
      columns.a[i] = rx[virtual[i]!]!;
      columns.b[i] = tx[virtual[i]!]!;
    }
    return { ...pairRates(this.rates, monoMs, pairs, NET_KEYS), ...this.virtual.update(columns, monoMs) };
  }

  /** Works out every interface's kind again, after the list changed (an interface came or went). */
  private async classify(names: readonly string[]): Promise<void> {
    const facts = await this.facts.read(names);
    const context = { hasPhysical: [...facts.values()].some((f) => f?.device === true) };
    const recorded: number[] = [];
    const aggregate: boolean[] = [];
    const virtual: number[] = [];
    names.forEach((name, at) => {
      const kind = interfaceKind(name, facts.get(name) ?? null, context);
      if (kind === 'virtual') virtual.push(at);
      else if (isRecordedInterface(kind)) {
        recorded.push(at);
        aggregate.push(kind === 'physical');
      }
    });
    this.places = { names, recorded, aggregate, virtual };
    const columns = this.virtualCounters;
    columns.names = virtual.map((at) => names[at]!);
    columns.a.length = virtual.length;
    columns.b.length = virtual.length;
  }

  close(): Promise<void> {
    return this.file.close();
  }

  reset(): void {
    this.rates.reset();
    this.virtual.reset();
  }
}
