/**
 * One rollup pass over a store: every tier rolled in windows of buckets, as steps a caller runs
 * straight through (`rollup`) or with a turn of the event loop between windows (`rollupPaced`,
 * the engine's minutely job). The pass keeps the intake's late-sample mark in step: a sample
 * appended behind the rolled range while the windows were rolled is rolled by the next pass.
 *
 * @example
 * const result = runToEnd(rollupPass(parts, Date.now(), 3000));
 */
import type { Pacer } from './pacer.js';
import type { RollupResult } from './rollup.js';
import { FINEST_ROLLUP, type StoreComponents } from './store-components.js';

/** The steps of one pass; commit the buffer first, so the pass rolls what it holds. */
export function* rollupPass(parts: StoreComponents, now: number, lagMs: number): Generator<void, RollupResult> {
  const { buffer, intake, rollups, watermarks } = parts;
  const before = buffer.rows[0]?.ts ?? Number.POSITIVE_INFINITY;
  const { dirtyFrom, lateSamples } = intake;
  const result = yield* rollups.windows({ now, lagMs, before, dirtyFrom });
  // A late sample taken in while the windows were rolled is rolled next time.
  if (intake.lateSamples === lateSamples) intake.dirtyFrom = null;
  intake.rolledUntil = watermarks.get(FINEST_ROLLUP);
  return result;
}

/** Runs a pass to its end without yielding. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * Runs a pass with a pacer's turn between windows. `afterTurn` runs after each turn, and throws
 * to abandon the pass (the store was closed meanwhile).
 */
export async function runPaced<T>(steps: Generator<void, T>, pacer: Pacer, afterTurn: () => void): Promise<T> {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await pacer.turn();
    afterTurn();
  }
}
