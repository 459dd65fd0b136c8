const DAY = 86_400_000;
const TEN = ['cpu.total', ...Array.from({ length: 8 }, (_, i) => `cpu.core[${i}]`), 'mem.percent'];
export function tour(now) {
  const kinds = [
    { method: 'history', input: { series: TEN, from: now - 365 * DAY, to: now, maxPoints: 2000 } },
    { method: 'stats', input: { from: now - DAY, to: now } },
    { method: 'stats', input: { from: now - 7 * DAY, to: now } },
    { method: 'export', input: { format: 'csv', from: now - 7 * DAY, to: now, path: 'week.csv' } },
    { method: 'history', input: { series: TEN, from: now - 7 * DAY, to: now, maxPoints: 2000 } },
    { method: 'list', input: { page: 1, limit: 500 } },
    { method: 'history', input: { series: TEN, from: now - 30 * DAY, to: now, maxPoints: 2000 } },
    { method: 'status', input: undefined },
    { method: 'export', input: { format: 'ndjson', from: now - 7 * DAY, to: now, path: 'week.ndjson' } },
    { method: 'latest', input: undefined },
  ];
  const exports = new Set([3, 28]);
  return Array.from({ length: 50 }, (_, i) => {
    const kind = kinds[i % kinds.length];
    return kind.method !== 'export' || exports.has(i) ? kind : kinds[(i + 1) % kinds.length];
  });
}
