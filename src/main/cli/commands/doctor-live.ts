/**
 * The doctor's view of the running engine, another process: what it holds in memory, whether its
 * commits fail and when the oldest held samples start being dropped, read from the live state it
 * keeps beside the database (LiveStateFile). Trusted only while the writer lock's holder is the
 * process that wrote it; otherwise the doctor says the file is stale.
 */
import type { LockHolder } from '../../engine/store/writer-lock.js';
import { failedText } from '../../engine/store/data-path.js';
import type { FailedFileSystem } from '../../engine/store/failed-file-system.js';
import { LiveStateFile, liveStateFileOf, type LiveState } from '../../engine/store/live-state-file.js';
import { formatDuration } from '../../../shared/time.js';
import { countOf } from '../../../shared/units.js';
import { writeProblemText } from '../../../shared/write-problem-text.js';
import { localTime } from '../format.js';
import { sessionFindings, type Finding } from './doctor-features.js';

/** A state older than this many commit intervals (and a minute) means the engine stopped publishing. */
const STUCK_AFTER_COMMITS = 3;

/**
 * @example
 * liveFinding('/data/dashlight.db', WriterLock.holder('/data/dashlight.db'), systemClock.wall())
 * // { check: 'engine', status: 'fail', detail: 'dashlight run (pid 4242), as of 12:03:09: Samples are not being saved: …' }
 */
export function liveFinding(
  dbFile: string,
  holder: LockHolder | null,
  now: number,
  failed: FailedFileSystem | null = null,
): Finding {
  const state = LiveStateFile.read(dbFile);
  const file = liveStateFileOf(dbFile);
  if (!holder) return { check: 'engine', status: 'ok', detail: noEngine(state, file) };
  const who = `${holder.command} (pid ${holder.pid})`;
  // Its state file is on that file system too: what it says is from before the failure.
  if (failed)
    return { check: 'engine', status: 'fail', detail: `${who} cannot publish its state: ${failedText(failed)}` };
  if (!state || state.pid !== holder.pid || state.state === 'stopped')
    return {
      check: 'engine',
      status: 'warn',
      detail: `${who} publishes no live state in ${file} (an older Dashlight, or the file could not be made): what it holds in memory cannot be seen from here`,
    };
  if (now - state.at > Math.max(STUCK_AFTER_COMMITS * state.commitIntervalMs, 60_000))
    return {
      check: 'engine',
      status: 'warn',
      detail: `${who} last published its state at ${localTime(state.at)}: it may be stuck, or its disk takes no writes at all (see "data folder" and "disk space")`,
    };
  const asOf = `${who}, as of ${localTime(state.at)}`;
  if (state.writeProblem)
    return { check: 'engine', status: 'fail', detail: `${asOf}: ${writeProblemText(state.writeProblem, localTime)}` };
  return {
    check: 'engine',
    status: 'ok',
    detail: `${asOf}: ${state.state === 'paused' ? 'paused' : `sampling every ${formatDuration(state.intervalMs)}`}, every commit works; ${countOf(state.bufferedSamples, 'sample')} waiting for the next one`,
  };
}

function noEngine(state: LiveState | null, file: string): string {
  if (!state) return 'no engine is running';
  const who = `${state.command} (pid ${state.pid})`;
  if (state.state === 'stopped')
    return `no engine is running; the last one, ${who}, stopped at ${localTime(state.at)}${state.bufferedSamples > 0 ? `, losing ${countOf(state.bufferedSamples, 'sample')} it could not save` : ''}`;
  return `no engine is running; ${file} is stale: ${who} wrote it at ${localTime(state.at)} and is gone`;
}

/**
 * The writer, whether the last one closed the database cleanly (`openBy`, undefined when the
 * database could not be read) and the running engine's state: from the lock and state files,
 * so a database that cannot be read still gets them. A lock file that cannot be read either is
 * said, not taken for "no writer".
 */
export function writerFindings(
  dbFile: string,
  lastWriter: () => { holder: LockHolder | null; openBy: string | null | undefined },
  now: number,
  failed: FailedFileSystem | null,
): Finding[] {
  let writer: ReturnType<typeof lastWriter>;
  try {
    writer = lastWriter();
  } catch (error) {
    return [{ check: 'writer', status: 'warn', detail: (error as Error).message }];
  }
  return [...sessionFindings(writer), liveFinding(dbFile, writer.holder, now, failed)];
}
