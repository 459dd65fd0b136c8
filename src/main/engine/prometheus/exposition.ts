/**
 * What `/metrics` says: the Prometheus text format 0.0.4, or OpenMetrics 1.0 when asked for,
 * written by hand. `npm run bench` (integrations) renders the same values with prom-client's
 * registry and custom collectors as the peer: the writer takes 0.5–0.7× its CPU per render, and
 * spares the engine a dependency whose OpenMetrics registry renames counters in place (two formats
 * would need two sets of collectors) and which prints NaN as `Nan`. The format is small (HELP,
 * TYPE, one line per series); the rules the writer follows, checked by promtool and a real
 * Prometheus in the tests:
 *
 * - each family once: `# HELP`, `# TYPE`, then its samples; families in the order first seen;
 * - a counter's family is `name_total` in the text format and `name` in OpenMetrics (whose TYPE
 *   names the family, not the sample), its samples `name_total` in both; OpenMetrics ends `# EOF`;
 * - label values escape `\`, `"` and newlines; HELP escapes `\` and newlines;
 * - every series carries `host` (this machine's name), so a fleet's series stay apart whichever way
 *   they arrive; no timestamps (the scrape's time is the sample's time, as Prometheus expects);
 * - the top apps of the newest process pass (top-apps.ts): one series per app and figure, labelled
 *   `app` and `kind`.
 *
 * A series' name and labels are formatted once and kept, so a scrape is lookups and joins.
 *
 * @example
 * const exposition = new Exposition({ host: 'desk', version: '0.1.0', read: () => state });
 * const { body, contentType } = exposition.render(false); // the text format
 */
import type { LiveApp } from '../../../shared/processes.js';
import type { FreshValue } from '../core/latest-values.js';
import { APP_FAMILIES } from './app-families.js';
import { familyOf, SELF_FAMILIES, type Family } from './metric-families.js';

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

/** What one scrape answers from. */
export interface ScrapeState {
  readonly values: readonly FreshValue[];
  readonly samples: number;
  readonly gaps: number;
  readonly lastSampleTs: number | null;
  readonly cpuSeconds: number;
  readonly rssBytes: number;
  readonly startTimeSeconds: number;
  /** The top apps of the newest process pass still current; none while process history is off. */
  readonly apps: readonly LiveApp[];
}

export interface ExpositionOptions {
  readonly host: string;
  readonly version: string;
  /** Called once per scrape. */
  readonly read: () => ScrapeState;
}

/** A family's header lines in both formats, written once. */
interface Header {
  readonly text: string;
  readonly openMetrics: string;
}

/** A series with nothing to write yet but its value: `name{labels} `. */
type Prefix = string;

/** Kept formatted series past this many are forgotten (entities come and go over months). */
const MAX_PREFIXES = 10_000;

export const escapeLabelValue = (text: string): string =>
  text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

export class Exposition {
  /** Every family seen, in the order first seen: the output's order. */
  private readonly headers = new Map<string, Header>();
  /** By series key: its family and `name{labels} `, or null for a key with no family. */
  private readonly prefixes = new Map<string, { readonly family: Family; readonly prefix: Prefix } | null>();
  private readonly hostLabel: string;

  constructor(private readonly options: ExpositionOptions) {
    this.hostLabel = `host="${escapeLabelValue(options.host)}"`;
    for (const family of Object.values(SELF_FAMILIES)) this.header(family);
  }

  /** The whole exposition, in OpenMetrics when `openMetrics`, else the Prometheus text format. */
  render(openMetrics: boolean): { body: string; contentType: string } {
    const state = this.options.read();
    const lines = new Map<string, string[]>();
    const add = (family: Family, prefix: Prefix, value: number) => {
      if (!Number.isFinite(value)) return;
      this.header(family);
      let list = lines.get(family.name);
      if (!list) lines.set(family.name, (list = []));
      list.push(prefix + String(value));
    };
    const self = (family: Family, value: number, labels = '') =>
      add(family, `${family.name}{${labels}${this.hostLabel}} `, value);
    self(SELF_FAMILIES.build, 1, `version="${escapeLabelValue(this.options.version)}",`);
    self(SELF_FAMILIES.samples, state.samples);
    self(SELF_FAMILIES.gaps, state.gaps);
    if (state.lastSampleTs !== null) self(SELF_FAMILIES.lastSample, state.lastSampleTs / 1000);
    self(SELF_FAMILIES.cpu, state.cpuSeconds);
    self(SELF_FAMILIES.rss, state.rssBytes);
    self(SELF_FAMILIES.start, state.startTimeSeconds);
    for (const { key, value } of state.values) {
      const series = this.series(key);
      if (series) add(series.family, series.prefix, value);
    }
    for (const app of state.apps) {
      // A handful of apps per scrape, and new ones every pass: formatted each time, not kept.
      const labels = `{app="${escapeLabelValue(app.app)}",kind="${app.kind}",${this.hostLabel}} `;
      const each = (family: Family, value: number) => add(family, family.name + labels, value);
      each(APP_FAMILIES.cpu, app.cpuPercent);
      each(APP_FAMILIES.memory, app.rssBytes);
      if (app.ioBytesPerSecond !== null) each(APP_FAMILIES.io, app.ioBytesPerSecond);
      each(APP_FAMILIES.processes, app.processes);
    }
    const out: string[] = [];
    for (const [name, header] of this.headers) {
      const samples = lines.get(name);
      if (!samples) continue;
      out.push(openMetrics ? header.openMetrics : header.text, ...samples);
    }
    if (openMetrics) out.push('# EOF');
    return { body: `${out.join('\n')}\n`, contentType: openMetrics ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE };
  }

  private header(family: Family): void {
    if (this.headers.has(family.name)) return;
    const help = escapeHelp(family.help);
    const bare = family.type === 'counter' ? family.name.replace(/_total$/, '') : family.name;
    this.headers.set(family.name, {
      text: `# HELP ${family.name} ${help}\n# TYPE ${family.name} ${family.type}`,
      openMetrics: `# TYPE ${bare} ${family.type}\n# HELP ${bare} ${help}`,
    });
  }

  /** The family and formatted `name{labels} ` of a series key, kept after the first time. */
  private series(key: string): { family: Family; prefix: Prefix } | null {
    const kept = this.prefixes.get(key);
    if (kept !== undefined) return kept;
    if (this.prefixes.size >= MAX_PREFIXES) this.prefixes.clear();
    const placement = familyOf(key);
    if (!placement) {
      this.prefixes.set(key, null);
      return null;
    }
    const labels = Object.entries(placement.labels)
      .map(([name, value]) => `${name}="${escapeLabelValue(value)}",`)
      .join('');
    const series = { family: placement.family, prefix: `${placement.family.name}{${labels}${this.hostLabel}} ` };
    this.prefixes.set(key, series);
    return series;
  }
}
