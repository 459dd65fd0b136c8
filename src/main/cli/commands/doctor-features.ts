/**
 * The doctor's findings about alerts, push targets and the hourly archive: what is firing, which
 * target is failing, what was lost, which hours could not be written.
 */
import type { EntityOverflow } from '../../../shared/queries.js';
import type { Engine } from '../../engine/engine.js';
import type { LockHolder } from '../../engine/store/writer-lock.js';
import { statfsSync } from 'node:fs';
import { formatUnit } from '../../../shared/units.js';
import { MAX_COUNTED } from '../../engine/sampling/entity-cap.js';
import { countOf, localTime } from '../format.js';

export type Status = 'ok' | 'warn' | 'fail';

export interface Finding {
  readonly check: string;
  readonly status: Status;
  readonly detail: string;
}

/**
 * Who writes the database, and whether its last writer closed it cleanly: PRAGMA quick_check runs
 * at open only after an unclean shutdown (doctor's integrity check reads the whole file anyway).
 * `openBy` is undefined when the database could not be read: then only the writer is known.
 */
export function sessionFindings({
  holder,
  openBy,
}: {
  readonly holder: LockHolder | null;
  readonly openBy: string | null | undefined;
}): Finding[] {
  const writer: Finding = holder
    ? {
        check: 'writer',
        status: 'ok',
        detail: `in use by ${holder.command} (pid ${holder.pid}, since ${holder.since}); queries work beside it`,
      }
    : { check: 'writer', status: 'ok', detail: 'no process is writing the database now' };
  if (holder || openBy === undefined) return [writer];
  const check: Finding =
    openBy === null
      ? {
          check: 'quick check',
          status: 'ok',
          detail:
            'not needed at the next start: the last writer closed the database cleanly (it runs after an unclean shutdown)',
        }
      : {
          check: 'quick check',
          status: 'warn',
          detail: `the last writer (${openBy}) did not close the database cleanly: the next start runs PRAGMA quick_check before writing`,
        };
  return [writer, check];
}

/** Below this, a commit of a few samples may not fit: the disk counts as full. */
const FULL_BELOW_BYTES = 1024 * 1024;

/**
 * Free space on the disk holding the data folder. A full one is why a running engine holds its
 * samples in memory (up to an hour of them, then drops the oldest): doctor says so.
 */
export function diskSpaceFinding(dataDir: string): Finding {
  let free: number;
  try {
    const info = statfsSync(dataDir);
    free = info.bavail * info.bsize;
  } catch (error) {
    return { check: 'disk space', status: 'warn', detail: `cannot tell (${(error as Error).message})` };
  }
  if (free >= FULL_BELOW_BYTES)
    return {
      check: 'disk space',
      status: 'ok',
      detail: `${formatUnit('bytes', free)} free on the disk holding ${dataDir}`,
    };
  return {
    check: 'disk space',
    status: 'fail',
    detail:
      `the disk holding ${dataDir} is full (${formatUnit('bytes', free)} free): samples cannot be saved; ` +
      'a running engine holds them in memory (up to an hour of them), then drops the oldest. ' +
      'Free space on that disk, or lower storage.retention (maxSizeMb) in the settings',
  };
}

export async function featureFindings(engine: Engine): Promise<Finding[]> {
  const findings: Finding[] = [];
  const rules = await engine.listRules();
  const enabled = rules.rules.filter((r) => r.rule.enabled).length;
  const firing = rules.rules.flatMap((r) =>
    r.instances.filter((i) => i.phase === 'firing').map((i) => `${r.rule.id} (${i.series}, ${i.severity})`),
  );
  findings.push({
    check: 'alerts',
    status: firing.length > 0 ? 'warn' : 'ok',
    detail: `${enabled} of ${rules.rules.length} rules on${firing.length > 0 ? `; firing: ${firing.join(', ')}` : ''}`,
  });

  const { targets } = await engine.pushStatus();
  if (targets.length === 0) findings.push({ check: 'push', status: 'ok', detail: 'no push targets configured' });
  for (const target of targets) {
    const problems = [
      target.credentialProblem ? `not sending: ${target.credentialProblem}` : '',
      target.lastError ? `last error: ${target.lastError}` : '',
      target.deadLetters > 0
        ? `${countOf(target.deadLetters, 'dead letter')}, see \`dashlight push dead-letters ${target.name}\``
        : '',
      target.droppedTotal > 0 ? `${target.droppedTotal.toLocaleString('en-US')} samples lost to retention` : '',
    ].filter(Boolean);
    const state = !target.enabled
      ? 'disabled'
      : target.paused
        ? 'paused'
        : `${target.pending.toLocaleString('en-US')} pending`;
    findings.push({
      check: `push ${target.name}`,
      status: target.credentialProblem && target.enabled ? 'fail' : problems.length > 0 ? 'warn' : 'ok',
      detail: `${target.kind} ${target.url}: ${state}, ${target.sentTotal.toLocaleString('en-US')} sent${target.lastSuccess ? `, last success ${localTime(target.lastSuccess)}` : ''}${problems.length ? `; ${problems.join('; ')}` : ''}`,
    });
  }

  const { entities } = await engine.status();
  if (entities) findings.push(entityFinding(entities.limit, entities.overflow));

  const archive = engine.archiveStatus();
  if (!archive) findings.push({ check: 'hourly archive', status: 'ok', detail: 'off (archive.enabled is false)' });
  else {
    findings.push({
      check: 'hourly archive',
      status: archive.failedHours > 0 ? 'warn' : 'ok',
      detail: `${archive.folder}: ${archive.lastFile ? `last file ${archive.lastFile}` : 'nothing written yet'}${archive.failedHours > 0 ? `; ${countOf(archive.failedHours, 'hour')} failed: ${archive.lastError ?? ''}` : ''}`,
    });
  }
  return findings;
}

/** The per-entity cap, and what went past it: "net.rx: 12 entities not recorded since …". */
function entityFinding(limit: number, overflow: readonly EntityOverflow[]): Finding {
  if (overflow.length === 0) {
    return {
      check: 'entities',
      status: 'ok',
      detail: `at most ${countOf(limit, 'entity', 'entities')} per metric; none left out`,
    };
  }
  const lines = overflow.map(
    (o) =>
      `${o.metric}: ${countOf(o.entities, 'entity', 'entities')}${o.entities >= MAX_COUNTED ? ' or more' : ''} not recorded since ${localTime(o.since)} (${o.examples.join(', ')})`,
  );
  return {
    check: 'entities',
    status: 'warn',
    detail: `past the cap of ${countOf(limit, 'entity', 'entities')} per metric: ${lines.join('; ')}. Raise storage.maxEntitiesPerMetric to record them`,
  };
}
