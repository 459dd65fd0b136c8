/**
 * What `/metrics` says: prom-client's registry, with one custom collector per family that reads
 * the engine's newest values when scraped. Two registries share the families, one per format
 * (Prometheus text 0.0.4 and OpenMetrics 1.0), each with its own collectors: prom-client renames a
 * counter registered for OpenMetrics (it drops `_total` from the family), which must not leak into
 * the other format.
 *
 * A scrape groups the current values by family once (`Snapshot`) and then lets each registry ask
 * its collectors; nothing is read from disk. Families appear the first time one of their series
 * is seen, in the order first seen, and stay (with no samples) once every series of theirs is stale.
 *
 * @example
 * const exposition = new Exposition({ host: 'desk', version: '0.1.0', read: () => state });
 * const { body, contentType } = await exposition.render(false); // the text format
 */
import { Registry, type Metric, type OpenMetricsContentType } from 'prom-client';
import type { FreshValue } from '../core/latest-values.js';
import { familyOf, SELF_FAMILIES, type Family } from './metric-families.js';

/** What one scrape answers from. */
export interface ScrapeState {
  readonly values: readonly FreshValue[];
  readonly samples: number;
  readonly gaps: number;
  readonly lastSampleTs: number | null;
  readonly cpuSeconds: number;
  readonly rssBytes: number;
  readonly startTimeSeconds: number;
}

export interface ExpositionOptions {
  readonly host: string;
  readonly version: string;
  /** Called once per scrape. */
  readonly read: () => ScrapeState;
}

interface LabelledValue {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** One scrape's values, grouped by family name. */
type Snapshot = Map<string, LabelledValue[]>;

/** A family as prom-client's registry sees it: a name, help, type and `get()` at scrape time. */
class FamilyCollector {
  name: string;
  readonly help: string;
  readonly type: Family['type'];
  readonly aggregator = 'sum';

  constructor(
    family: Family,
    private readonly current: () => Snapshot,
  ) {
    this.name = family.name;
    this.help = family.help;
    this.type = family.type;
  }

  get() {
    const values = this.current().get(this.originalName) ?? [];
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {}

  /** The family's name before the OpenMetrics registry took `_total` off it. */
  get originalName(): string {
    return this.type === 'counter' && !this.name.endsWith('_total') ? `${this.name}_total` : this.name;
  }
}

export class Exposition {
  private readonly text = new Registry();
  private readonly openMetrics = new Registry<OpenMetricsContentType>();
  private readonly known = new Set<string>();
  private snapshot: Snapshot = new Map();

  constructor(private readonly options: ExpositionOptions) {
    this.openMetrics.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    for (const registry of [this.text, this.openMetrics]) registry.setDefaultLabels({ host: options.host });
    for (const family of Object.values(SELF_FAMILIES)) this.register(family);
  }

  /** The whole exposition, in OpenMetrics when `openMetrics`, else the Prometheus text format. */
  async render(openMetrics: boolean): Promise<{ body: string; contentType: string }> {
    this.snapshot = this.group(this.options.read());
    const registry = openMetrics ? this.openMetrics : this.text;
    return { body: await registry.metrics(), contentType: registry.contentType };
  }

  private group(state: ScrapeState): Snapshot {
    const snapshot: Snapshot = new Map();
    const add = (family: Family, labels: Readonly<Record<string, string>>, value: number) => {
      if (!Number.isFinite(value)) return;
      if (!this.known.has(family.name)) this.register(family);
      let values = snapshot.get(family.name);
      if (!values) snapshot.set(family.name, (values = []));
      values.push({ labels, value });
    };
    add(SELF_FAMILIES.build, { version: this.options.version }, 1);
    add(SELF_FAMILIES.samples, {}, state.samples);
    add(SELF_FAMILIES.gaps, {}, state.gaps);
    if (state.lastSampleTs !== null) add(SELF_FAMILIES.lastSample, {}, state.lastSampleTs / 1000);
    add(SELF_FAMILIES.cpu, {}, state.cpuSeconds);
    add(SELF_FAMILIES.rss, {}, state.rssBytes);
    add(SELF_FAMILIES.start, {}, state.startTimeSeconds);
    for (const { key, value } of state.values) {
      const placement = familyOf(key);
      if (placement) add(placement.family, placement.labels, value);
    }
    return snapshot;
  }

  private register(family: Family): void {
    this.known.add(family.name);
    for (const registry of [this.text, this.openMetrics]) {
      registry.registerMetric(new FamilyCollector(family, () => this.snapshot) as unknown as Metric);
    }
  }
}
