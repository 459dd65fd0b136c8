/**
 * Caps the entities of each per-entity metric (`net.rx[…]`, `disk.read[…]`, `fs.used_pct[…]`,
 * `cpu.core[…]`): a metric keeps at most `limit` distinct entities, counting every one the
 * database has ever stored, so a machine that mints interfaces or mounts without end never grows
 * its catalogue, its row layouts or its rows without end. Values of entities past the cap are
 * left out of the sample (and so out of storage, alerts and the live feed) and counted, per
 * metric, for `status` and `dashlight doctor`, which say how to raise the cap
 * (`storage.maxEntitiesPerMetric`).
 *
 * @example
 * const cap = new EntityCap(store.knownSeries(), 256);
 * const values = cap.apply(sample.values, sample.ts); // the same object when nothing was cut
 * cap.overflow() // [{ metric: 'net.rx', entities: 12, examples: ['eth7', …], since: 1767225600000 }]
 */
import type { EntityOverflow } from '../../../shared/queries.js';
import { parseSeriesKey } from '../../../shared/metrics.js';
import { collate } from '../../../shared/text-collation.js';
import type { Values } from '../collect/types.js';

/** Distinct entities counted past the cap, per metric; beyond this the count stops (and says so). */
export const MAX_COUNTED = 10_000;
const EXAMPLES = 5;

interface Dropped {
  readonly names: Set<string>;
  readonly since: number;
  /** Counted by an earlier run beyond the names kept from it. */
  readonly carried: number;
}

export class EntityCap {
  private readonly admitted = new Map<string, Set<string>>();
  private readonly dropped = new Map<string, Dropped>();
  /** Bumped whenever the overflow changes, so it is saved only then. */
  version = 0;

  constructor(
    known: Iterable<string>,
    private limit: number,
    saved: readonly EntityOverflow[] = [],
  ) {
    for (const key of known) {
      const { metric, entity } = parseSeriesKey(key);
      if (entity !== undefined) this.entitiesOf(metric).add(entity);
    }
    for (const { metric, entities, examples, since } of saved) {
      this.dropped.set(metric, { names: new Set(examples), since, carried: Math.max(0, entities - examples.length) });
    }
  }

  get max(): number {
    return this.limit;
  }

  setLimit(limit: number): void {
    this.limit = limit;
  }

  /** The values with entities past the cap left out; `values` itself when none is. */
  apply(values: Values, now: number): Values {
    let kept: Values | null = null;
    for (const key in values) {
      const open = key.indexOf('[');
      if (open < 0) continue;
      const metric = key.slice(0, open);
      const entity = key.slice(open + 1, -1);
      const entities = this.entitiesOf(metric);
      if (entities.has(entity)) continue;
      if (entities.size < this.limit) {
        entities.add(entity);
        continue;
      }
      kept ??= { ...values };
      delete kept[key];
      this.noteDropped(metric, entity, now);
    }
    return kept ?? values;
  }

  /** Per metric, how many entities were left out and a few of their names, most affected first. */
  overflow(): EntityOverflow[] {
    return [...this.dropped]
      .map(([metric, d]) => ({
        metric,
        entities: Math.min(MAX_COUNTED, d.carried + d.names.size),
        examples: [...d.names].slice(0, EXAMPLES),
        since: d.since,
      }))
      .sort((a, b) => b.entities - a.entities || collate(a.metric, b.metric));
  }

  private entitiesOf(metric: string): Set<string> {
    let entities = this.admitted.get(metric);
    if (!entities) this.admitted.set(metric, (entities = new Set()));
    return entities;
  }

  private noteDropped(metric: string, entity: string, now: number): void {
    let dropped = this.dropped.get(metric);
    if (!dropped) this.dropped.set(metric, (dropped = { names: new Set(), since: now, carried: 0 }));
    if (dropped.names.has(entity) || dropped.carried + dropped.names.size >= MAX_COUNTED) return;
    dropped.names.add(entity);
    this.version++;
  }
}
