/**
 * The peer of Dashlight's hand-written `/metrics` writer (src/main/engine/prometheus/exposition.ts):
 * the same families and labels rendered by prom-client's registry with custom collectors, the
 * library the writer would otherwise use. The integrations section renders both from the same
 * values and compares their CPU per scrape.
 *
 * @example
 * const peer = promClientExposition('desk', state);
 * await peer.render(); // the text format, as prom-client writes it
 */
import { Registry, type Metric } from 'prom-client';
import type { ScrapeState } from '../src/main/engine/prometheus/exposition.js';
import { APP_FAMILIES, familyOf, SELF_FAMILIES, type Family } from '../src/main/engine/prometheus/metric-families.js';

type Values = Map<string, { labels: Record<string, string>; value: number }[]>;

export function promClientExposition(host: string, read: () => ScrapeState): { render(): Promise<string> } {
  const registry = new Registry();
  registry.setDefaultLabels({ host });
  const known = new Set<string>();
  let current: Values = new Map();
  const register = (family: Family) => {
    if (known.has(family.name)) return;
    known.add(family.name);
    const collector = {
      name: family.name,
      help: family.help,
      type: family.type,
      aggregator: 'sum',
      get: () => ({ ...collector, values: current.get(family.name) ?? [] }),
      reset: () => {},
    };
    registry.registerMetric(collector as unknown as Metric);
  };
  return {
    async render() {
      const state = read();
      const values: Values = new Map();
      const add = (family: Family, labels: Record<string, string>, value: number) => {
        register(family);
        if (!values.has(family.name)) values.set(family.name, []);
        values.get(family.name)!.push({ labels, value });
      };
      add(SELF_FAMILIES.samples, {}, state.samples);
      add(SELF_FAMILIES.gaps, {}, state.gaps);
      add(SELF_FAMILIES.cpu, {}, state.cpuSeconds);
      add(SELF_FAMILIES.rss, {}, state.rssBytes);
      for (const { key, value } of state.values) {
        const placement = familyOf(key);
        if (placement) add(placement.family, { ...placement.labels }, value);
      }
      for (const app of state.apps) {
        const labels = { app: app.app, kind: app.kind };
        add(APP_FAMILIES.cpu, labels, app.cpuPercent);
        add(APP_FAMILIES.memory, labels, app.rssBytes);
        if (app.ioBytesPerSecond !== null) add(APP_FAMILIES.io, labels, app.ioBytesPerSecond);
        add(APP_FAMILIES.processes, labels, app.processes);
      }
      current = values;
      return registry.metrics();
    },
  };
}
