/**
 * A settings file whose only rule fires on the first sample (CPU above -1 %): a spawned
 * `dashlight run` prints that alert's line on stdout, which tells a test that a sample was taken
 * and sits in the write buffer, without waiting on the clock.
 *
 * @example
 * const config = await alwaysFiringConfig(dir);
 * spawn(process.execPath, [BIN, 'run', '--db', db, '--config', config]);
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function alwaysFiringConfig(dir: string): Promise<string> {
  const file = join(dir, 'always-firing.json');
  const rule = { id: 'always', name: 'Always on', metric: 'cpu.total', comparator: 'above', critical: -1 };
  await writeFile(file, JSON.stringify({ alerts: { rules: [rule] } }));
  return file;
}

/** The line that rule prints, whatever the CPU reading. */
export const ALWAYS_FIRING_LINE =
  /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}Always on is critical: cpu\.total at \d+\.\d % \(above -1\.0 %\)/;
