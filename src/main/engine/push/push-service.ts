/**
 * Every push target of the settings, each with its own pusher and cursor, behind the contract's
 * push methods. It also counts, exactly, the samples a target loses when its backlog outlives
 * raw retention (the store tells it before deleting).
 *
 * @example
 * const push = new PushService({ store, settings: settings.push, log, clock, host });
 * push.start();
 * push.status(); // { targets: [{ name: 'vm', pending: 120, sentTotal: 86_400, … }] }
 */
import { platform } from 'node:os';
import { NotFoundError } from '../../../shared/contract.js';
import type { DeadLetter, PushStatusResult, PushTargetStatus, TargetTestResult } from '../../../shared/push.js';
import {
  pushTargetSchema,
  type ClearPushTarget,
  type PushSettings,
  type PushTarget,
} from '../../../shared/push-settings.js';
import { keepSecrets } from '../../../shared/secrets.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../schedule/clock.js';
import { headlessSealer, SecretCodec } from '../settings/secret-codec.js';
import type { MetricStore } from '../store/metric-store.js';
import { encodeBatch } from './encode/encode.js';
import { OutboxStore } from './outbox-store.js';
import { sendBatch } from './send/send-batch.js';
import { safeUrl } from './send/target-url.js';
import { batchId, startCursor, TargetPusher, type TargetPusherOptions } from './target-pusher.js';

/** Delivery records are kept this long. */
const DELIVERY_DAYS = 30;

export interface PushServiceOptions {
  readonly store: MetricStore;
  readonly settings: PushSettings;
  readonly log: Logger;
  readonly clock: Clock;
  readonly host: string;
  /** Opens the targets' credentials just before sending; the headless codec by default. */
  readonly secrets?: SecretCodec;
  readonly send?: TargetPusherOptions['send'];
  readonly random?: () => number;
  readonly backoff?: TargetPusherOptions['backoff'];
  readonly onChange?: () => void;
}

/** OpenTelemetry's os.type values. */
export function osType(os: NodeJS.Platform = platform()): string {
  return os === 'win32' ? 'windows' : os;
}

export class PushService {
  private readonly outbox: OutboxStore;
  private readonly pushers = new Map<string, TargetPusher>();
  private settings: PushSettings;
  private started = false;
  private readonly secrets: SecretCodec;

  constructor(private readonly options: PushServiceOptions) {
    this.secrets = options.secrets ?? new SecretCodec(headlessSealer);
    this.outbox = new OutboxStore(options.store.connection);
    this.settings = options.settings;
    options.store.onRawDelete((before) => this.countLosses(before));
  }

  start(now = this.options.clock.wall()): void {
    this.started = true;
    this.outbox.prune(now - DELIVERY_DAYS * 86_400_000);
    this.configure(this.settings);
  }

  /** Why a target cannot send (its credential cannot be opened here), or null. */
  credentialProblem(target: PushTarget): string | null {
    const problems = this.secrets.problems(pushTargetSchema, target).map((p) => `${p.path}: ${p.problem}`);
    return problems.length === 0 ? null : `${problems.join('; ')}; nothing is sent to ${target.name} until it is fixed`;
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.pushers.values()].map((p) => p.stop()));
    this.pushers.clear();
  }

  /** Starts pushers for new or changed targets and stops removed ones (their cursors are forgotten). */
  configure(settings: PushSettings): void {
    const previous = this.settings;
    this.settings = settings;
    const wanted = new Map(settings.targets.filter((t) => t.enabled).map((t) => [t.name, t]));
    for (const [name, pusher] of this.pushers) {
      const before = previous.targets.find((t) => t.name === name);
      const after = wanted.get(name);
      if (after && JSON.stringify(before) === JSON.stringify(after)) continue;
      void pusher.stop();
      this.pushers.delete(name);
    }
    for (const gone of previous.targets.filter((t) => !settings.targets.some((n) => n.name === t.name)))
      this.outbox.forget(gone.name);
    if (!this.started) return;
    for (const [name, target] of wanted) {
      if (this.pushers.has(name)) continue;
      const pusher = this.pusherFor(target);
      this.pushers.set(name, pusher);
      pusher.start();
    }
  }

  status(): PushStatusResult {
    const cursors = new Map(this.outbox.cursors().map((c) => [c.target, c]));
    const now = this.options.clock.wall();
    // Read from the database, so every process shows the same plan; a time already past is no plan.
    const ahead = (at: number | null | undefined) => (at !== null && at !== undefined && at > now ? at : null);
    const targets = this.settings.targets.map((target): PushTargetStatus => {
      const cursor = cursors.get(target.name);
      return {
        name: target.name,
        kind: target.kind,
        url: safeUrl(target.url),
        enabled: target.enabled,
        paused: cursor?.paused ?? false,
        pending: cursor
          ? this.options.store.range.count(cursor.cursorTs, Number.MAX_SAFE_INTEGER)
          : this.options.store.range.count(-1, Number.MAX_SAFE_INTEGER),
        sentTotal: cursor?.sentTotal ?? 0,
        droppedTotal: cursor?.droppedTotal ?? 0,
        deadTotal: cursor?.deadTotal ?? 0,
        deadLetters: this.outbox.deadLetterCount(target.name),
        cursorTs: cursor?.cursorTs ?? null,
        lastSuccess: cursor?.lastSuccess ?? null,
        lastError: cursor?.lastError ?? null,
        lastErrorAt: cursor?.lastErrorAt ?? null,
        nextAttempt: ahead(cursor?.nextAttemptAt),
        retryAfterUntil: ahead(cursor?.retryAfterUntil),
        credentialProblem: this.credentialProblem(target),
      };
    });
    return { targets };
  }

  /** Sends what is pending now (one target, or all), ignoring backoff waits. */
  async pushNow(name?: string): Promise<PushStatusResult> {
    const targets = name === undefined ? this.settings.targets.filter((t) => t.enabled) : [this.enabledTarget(name)];
    this.options.store.flush();
    await Promise.all(
      targets.map(async (target) => {
        const running = this.pushers.get(target.name);
        if (running) return running.pushNow();
        // Not running (a CLI process): a one-off pusher sends the backlog once and stops.
        const once = this.pusherFor(target);
        await once.pushNow();
        await once.stop();
      }),
    );
    return this.status();
  }

  setPaused(name: string, paused: boolean): PushStatusResult {
    const target = this.targetOf(name);
    this.outbox.cursor(target.name, () => startCursor(this.options.store, target, this.options.clock.wall()));
    this.outbox.setPaused(target.name, paused);
    if (!paused) void this.pushers.get(name)?.pushNow();
    return this.status();
  }

  /**
   * One real request with the newest stored sample (or an empty batch), and what came of it. A
   * credential sent back as a marker is the stored target's of the same name.
   */
  async testTarget(config: PushTarget): Promise<TargetTestResult> {
    const stored = this.settings.targets.find((t) => t.name === config.name);
    const kept = keepSecrets(pushTargetSchema, config, stored);
    let target: ClearPushTarget;
    try {
      target = this.secrets.openAll(pushTargetSchema, kept);
    } catch (error) {
      const detail = `${safeUrl(config.url)}: nothing was sent, the credential cannot be used: ${(error as Error).message}`;
      return { ok: false, status: null, detail, elapsedMs: 0 };
    }
    const latest = this.options.store.latest();
    const samples = latest ? [{ ts: latest.ts, values: latest.values }] : [];
    const id = `${batchId(target.name, latest?.ts ?? 0, latest?.ts ?? 0)}.test`;
    const encoded = encodeBatch(
      target.kind,
      samples,
      { batchId: id, host: this.options.host, osType: osType() },
      target,
    );
    const started = performance.now();
    let outcome = await (this.options.send ?? sendBatch)(
      target,
      { id, body: encoded.body, contentType: encoded.contentType },
      {},
    );
    if (outcome.kind === 'gzip-refused') {
      outcome = await (this.options.send ?? sendBatch)(
        target,
        { id, body: encoded.body, contentType: encoded.contentType },
        { gzip: false },
      );
    }
    const elapsedMs = Math.round(performance.now() - started);
    const where = safeUrl(target.url);
    switch (outcome.kind) {
      case 'ok':
        return {
          ok: true,
          status: outcome.status,
          detail: `${where} accepted a batch of ${samples.length} sample(s) (HTTP ${outcome.status})`,
          elapsedMs,
        };
      case 'dead':
        return {
          ok: false,
          status: outcome.status,
          detail: `${where} refused it: ${outcome.reason}${outcome.bodyExcerpt ? ` (server said: ${outcome.bodyExcerpt.slice(0, 200)})` : ''}`,
          elapsedMs,
        };
      default:
        return {
          ok: false,
          status: 'status' in outcome ? outcome.status : null,
          detail: `${where}: ${outcome.reason}`,
          elapsedMs,
        };
    }
  }

  deadLetters(name: string, limit: number): DeadLetter[] {
    return this.outbox.deadLetters(this.targetOf(name).name, limit);
  }

  private countLosses(before: number): void {
    for (const cursor of this.outbox.cursors()) {
      if (cursor.cursorTs >= before - 1) continue;
      const lost = this.options.store.range.count(cursor.cursorTs, before - 1);
      this.outbox.dropped(cursor.target, lost, before - 1);
      if (lost > 0)
        this.options.log.warn(
          { target: cursor.target, lost },
          'push backlog outlived raw retention: the oldest unsent samples were deleted',
        );
    }
  }

  private targetOf(name: string): PushTarget {
    const target = this.settings.targets.find((t) => t.name === name);
    if (!target) throw new NotFoundError(`no push target "${name}": see \`dashlight push status\` for the names`);
    return target;
  }

  private enabledTarget(name: string): PushTarget {
    const target = this.targetOf(name);
    if (!target.enabled) throw new NotFoundError(`push target "${name}" is disabled; enable it in the settings first`);
    return target;
  }

  private pusherFor(target: PushTarget): TargetPusher {
    return new TargetPusher({
      target,
      store: this.options.store,
      outbox: this.outbox,
      meta: { host: this.options.host, osType: osType() },
      log: this.options.log,
      open: (stored) => this.secrets.openAll(pushTargetSchema, stored),
      now: () => this.options.clock.wall(),
      send: this.options.send,
      random: this.options.random,
      backoff: this.options.backoff,
      onAttempt: this.options.onChange,
    });
  }
}
