/**
 * The small bookkeeping tables (`gaps`, `rollup_state`), written with Kysely's builder and
 * compiled once into synchronous better-sqlite3 statements with named parameters.
 *
 * @example
 * const gaps = new GapTable(db, kysely);
 * gaps.insert({ from: 1000, to: 9000, reason: 'sleep' });
 * gaps.overlapping(0, 10_000) // [{ from: 1000, to: 9000, reason: 'sleep' }]
 */
import type Database from 'better-sqlite3';
import { sql, type Compilable, type Kysely } from 'kysely';
import type { Gap, GapReason } from '../../../shared/sample.js';
import type { RolledTier, StoreDatabase } from './schema.js';

/** Prepares a Kysely-built query whose parameters are written as `@name` placeholders. */
function prepare<P extends object, R = unknown>(db: Database.Database, query: Compilable): Database.Statement<[P], R> {
  return db.prepare<[P], R>(query.compile().sql);
}

const param = <T>(name: string) => sql.raw<T>(`@${name}`);

interface GapRow {
  from: number;
  to: number;
  reason: GapReason;
}

export class GapTable {
  private readonly insertStmt: Database.Statement<[{ from: number; to: number; reason: string }]>;
  private readonly overlappingStmt: Database.Statement<[{ from: number; to: number }], GapRow>;
  private readonly deleteStmt: Database.Statement<[{ before: number }]>;
  private readonly countStmt: Database.Statement<[object], { n: number }>;

  constructor(db: Database.Database, kysely: Kysely<StoreDatabase>) {
    this.insertStmt = prepare(
      db,
      kysely
        .replaceInto('gaps')
        .values({ from_ts: param<number>('from'), to_ts: param<number>('to'), reason: param<string>('reason') }),
    );
    this.overlappingStmt = prepare(
      db,
      kysely
        .selectFrom('gaps')
        .select(['from_ts as from', 'to_ts as to', 'reason'])
        .where('to_ts', '>=', param<number>('from'))
        .where('from_ts', '<=', param<number>('to'))
        .orderBy('from_ts'),
    );
    this.deleteStmt = prepare(db, kysely.deleteFrom('gaps').where('to_ts', '<', param<number>('before')));
    this.countStmt = prepare(
      db,
      kysely.selectFrom('gaps').select((eb) => eb.fn.countAll<number>().as('n')),
    );
  }

  /** Replaces any gap starting at the same time. Call inside the commit's transaction. */
  insert(gap: Gap): void {
    this.insertStmt.run({ from: gap.from, to: gap.to, reason: gap.reason });
  }

  /** Gaps that touch [from, to], oldest first, including those in `pending` (not yet committed). */
  overlapping(from: number, to: number, pending: readonly Gap[] = []): Gap[] {
    const stored: Gap[] = this.overlappingStmt.all({ from, to });
    const extra = pending.filter((gap) => gap.to >= from && gap.from <= to);
    return extra.length === 0 ? stored : [...stored, ...extra].sort((a, b) => a.from - b.from);
  }

  /** Deletes gaps that end before `ts`; returns how many. */
  deleteBefore(ts: number): number {
    return this.deleteStmt.run({ before: ts }).changes;
  }

  count(): number {
    return this.countStmt.get({})!.n;
  }
}

/**
 * Per-tier rollup watermarks: every bucket before `done_until` is final in that tier. Written
 * in the same transaction as the buckets, so a crash never double-counts or skips a bucket.
 */
export class Watermarks {
  private readonly getStmt: Database.Statement<[{ tier: string }], { doneUntil: number }>;
  private readonly setStmt: Database.Statement<[{ tier: string; doneUntil: number }]>;

  constructor(db: Database.Database, kysely: Kysely<StoreDatabase>) {
    this.getStmt = prepare(
      db,
      kysely.selectFrom('rollup_state').select('done_until as doneUntil').where('tier', '=', param<string>('tier')),
    );
    this.setStmt = prepare(
      db,
      kysely
        .insertInto('rollup_state')
        .values({ tier: param<string>('tier'), done_until: param<number>('doneUntil') })
        .onConflict((oc) => oc.column('tier').doUpdateSet({ done_until: (eb) => eb.ref('excluded.done_until') })),
    );
  }

  get(tier: RolledTier): number | null {
    return this.getStmt.get({ tier })?.doneUntil ?? null;
  }

  set(tier: RolledTier, doneUntil: number): void {
    this.setStmt.run({ tier, doneUntil });
  }
}

/** The `meta` table: small named values a feature keeps across restarts (JSON as text). */
export class MetaValues {
  private readonly getStmt: Database.Statement<[{ key: string }], { value: string | null }>;
  private readonly setStmt: Database.Statement<[{ key: string; value: string }]>;

  constructor(db: Database.Database, kysely: Kysely<StoreDatabase>) {
    this.getStmt = prepare(db, kysely.selectFrom('meta').select('value').where('key', '=', param<string>('key')));
    this.setStmt = prepare(
      db,
      kysely
        .insertInto('meta')
        .values({ key: param<string>('key'), value: param<string>('value') })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') })),
    );
  }

  get(key: string): string | null {
    return this.getStmt.get({ key })?.value ?? null;
  }

  set(key: string, value: string): void {
    this.setStmt.run({ key, value });
  }
}
