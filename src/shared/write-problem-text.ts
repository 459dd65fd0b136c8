/**
 * The words every interface uses for samples that cannot be saved (a full disk, above all): the
 * CLI's terminal and doctor, the dashboard's banner, the tray. One sentence per fact: what, since
 * when, how much is held in memory, when the oldest start being dropped, what to do.
 *
 * @example
 * writeProblemText(problem, localTime)
 * // 'Samples are not being saved: the disk is full (SQLITE_FULL) since 12:03:04. 120 samples are held
 * //  in memory; from 13:01:04 the oldest start being dropped. Free space on the disk holding /data, …'
 */
import type { WriteProblem } from './queries.js';
import { countOf } from './units.js';

const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

export function writeProblemText(problem: WriteProblem, time: (ts: number) => string): string {
  const held = `${countOf(problem.bufferedSamples, 'sample')} ${problem.bufferedSamples === 1 ? 'is' : 'are'} held in memory`;
  const drops =
    problem.droppedSamples > 0
      ? `the oldest are being dropped since ${time(problem.dropsAt)} (${countOf(problem.droppedSamples, 'sample')} so far)`
      : `from ${time(problem.dropsAt)} the oldest start being dropped`;
  return (
    `Samples are not being saved: ${problem.cause} (${problem.code}) since ${time(problem.since)}. ` +
    `${held}; ${drops}. ${sentence(problem.advice)}`
  );
}

/** The tray's short form: `Not saving samples: the disk is full`. */
export function writeProblemShort(problem: WriteProblem): string {
  return `Not saving samples: ${problem.cause}`;
}
