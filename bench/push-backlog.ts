/**
 * Push backlog: 7 days of 1 Hz samples (the synthetic 45-series machine) drained to a local
 * VictoriaMetrics through the `influx` kind, exactly as a target that was offline for a week
 * would catch up. Budget ≤ 30 s (docs/ARCHITECTURE.md). The points are counted back afterwards.
 */
import { join } from 'node:path';
import { pushSettingsSchema } from '../src/shared/push-settings.js';
import { silentLogger } from '../src/main/engine/log/logger.js';
import { PushService } from '../src/main/engine/push/push-service.js';
import { findBinary } from '../src/main/engine/push/test-support/system-binary.js';
import { startVictoriaMetrics } from '../src/main/engine/push/test-support/victoria-metrics.js';
import { systemClock } from '../src/main/engine/schedule/clock.js';
import { openEngineStore } from '../src/main/engine/test-support/open-engine-store.js';
import { writeSyntheticHistory } from '../src/main/engine/store/synthetic-history.js';
import type { BenchResult } from './report.js';
import type { BenchContext, BenchSection } from './section.js';

const DAYS = 7;
const BUDGET_S = 30;

async function measure(ctx: BenchContext): Promise<BenchResult[]> {
  if (!findBinary('victoria-metrics')) {
    const message = 'victoria-metrics is not installed (Debian package victoria-metrics)';
    if (ctx.ci) ctx.fail(message);
    return [{ name: 'push backlog, 7 days to VictoriaMetrics', value: null, unit: 's', note: message }];
  }
  const file = join(ctx.tmpDir, 'week.db');
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  ctx.log('writing 7 days of 1 Hz samples…');
  const week = await writeSyntheticHistory(file, { end, days: DAYS, rawDays: DAYS, minuteDays: DAYS });
  const vm = await startVictoriaMetrics();
  const store = await openEngineStore(file);
  const push = new PushService({
    store,
    settings: pushSettingsSchema.parse({ targets: [{ name: 'vm', kind: 'influx', url: vm.url }] }),
    log: silentLogger(),
    clock: systemClock,
    host: 'bench',
  });
  try {
    ctx.log(`pushing ${week.rows.raw.toLocaleString('en-US')} samples…`);
    const started = performance.now();
    let status = await push.pushNow('vm');
    while (status.targets[0]!.pending > 0 && status.targets[0]!.lastError === null) status = await push.pushNow('vm');
    const seconds = (performance.now() - started) / 1000;
    const target = status.targets[0]!;
    const stored = await vm.countSamples('dashlight_cpu_total', { host: 'bench' });
    if (stored !== week.rows.raw)
      ctx.fail(`VictoriaMetrics holds ${stored} cpu_total points, expected ${week.rows.raw}`);
    return [
      {
        name: 'push backlog, 7 days to VictoriaMetrics',
        value: target.pending === 0 ? seconds : null,
        unit: 's',
        budget: { op: '<=', value: BUDGET_S },
        note: `${week.rows.raw.toLocaleString('en-US')} samples × ${week.seriesCount} series in batches of 5,000, influx line protocol, gzip; ${stored.toLocaleString('en-US')} cpu_total points counted back${target.lastError ? `; last error: ${target.lastError}` : ''}`,
      },
      {
        name: 'push backlog rate',
        value: week.rows.raw / seconds,
        unit: 'samples/s',
        note: `${Math.round((week.rows.raw * week.seriesCount) / seconds).toLocaleString('en-US')} points/s`,
      },
    ];
  } finally {
    await push.stop();
    store.close();
    await vm.stop();
  }
}

export const pushBacklogSection: BenchSection = {
  name: 'push-backlog',
  title: 'a week of backlog drained to a local VictoriaMetrics',
  run: measure,
};
