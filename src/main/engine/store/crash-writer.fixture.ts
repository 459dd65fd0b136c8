/**
 * Child process for crash.test.ts: appends samples in a tight loop, commits every few rows,
 * rolls up now and then, and prints each committed timestamp on stdout after its commit.
 * The test kills it with SIGKILL at random moments.
 *
 * @example
 * node --import tsx src/main/engine/store/crash-writer.fixture.ts /tmp/x/dashlight.db
 */
import { MetricStore } from './metric-store.js';

const file = process.argv[2];
if (!file) throw new Error('usage: crash-writer.fixture.ts <database file>');
const store = await MetricStore.open(file);
let ts = (store.latest()?.ts ?? Date.UTC(2026, 0, 1)) + 1000;
const values = (n: number) =>
  Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`cpu.core[${k}]`, (n + k) % 100]));
for (let flushes = 1; ; flushes++) {
  for (let i = 0; i < 5; i++, ts += 1000) store.append({ ts, values: values(ts / 1000) });
  store.flush();
  process.stdout.write(`${store.latest()!.ts}\n`);
  if (flushes % 25 === 0) store.rollup(ts);
}
