import { describe, expect, it } from 'vitest';
import type { HistoryResult } from '../../../shared/queries.js';
import { bucketAdjective, describeAnswer, intervalWords, isEmptyAnswer, pointsPerSeries } from './history-answer.js';

function result(partial: Partial<HistoryResult>, lengths: number[] = [3]): HistoryResult {
  return {
    from: 0,
    to: 1,
    tier: 'raw',
    bucketMs: 1000,
    aggregated: false,
    series: Object.fromEntries(
      lengths.map((n, i) => [`s${i}`, { t: Array.from({ length: n }, (_, j) => j), avg: Array(n).fill(1) }]),
    ),
    ...partial,
  };
}

describe('describeAnswer', () => {
  it('names the tier and the point width', () => {
    expect(describeAnswer(result({ tier: '1m', bucketMs: 60_000, aggregated: true }, [1440]))).toBe(
      '1-minute averages with min–max band · 1,440 points per series',
    );
    expect(describeAnswer(result({ tier: 'raw', bucketMs: 2000 }, [1800, 12]))).toBe(
      'raw samples every 2 s · 1,800 points per series',
    );
    expect(describeAnswer(result({ tier: '1h', bucketMs: 3_600_000, aggregated: true }, [1]))).toBe(
      '1-hour averages with min–max band · 1 point per series',
    );
  });

  it('says which tier was re-bucketed', () => {
    expect(describeAnswer(result({ tier: '1h', bucketMs: 6 * 3_600_000, aggregated: true }))).toBe(
      '6-hour averages of the 1-hour tier with min–max band · 3 points per series',
    );
    expect(describeAnswer(result({ tier: 'raw', bucketMs: 10_000, aggregated: true }))).toBe(
      '10-second averages of raw samples with min–max band · 3 points per series',
    );
  });

  it('words widths by the largest unit that divides them', () => {
    expect(bucketAdjective(90_000)).toBe('90-second');
    expect(bucketAdjective(300_000)).toBe('5-minute');
    expect(bucketAdjective(86_400_000)).toBe('1-day');
    expect(intervalWords(60_000)).toBe('1 min');
    expect(intervalWords(500)).toBe('500 ms');
  });

  it('counts points and treats all-null columns as empty', () => {
    expect(pointsPerSeries(result({}, [2, 5]))).toBe(5);
    expect(isEmptyAnswer(result({}, [0, 0]))).toBe(true);
    expect(isEmptyAnswer({ ...result({}, []), series: { a: { t: [1, 2], avg: [null, null] } } })).toBe(true);
    expect(isEmptyAnswer({ ...result({}, []), series: { a: { t: [1, 2], avg: [null, 0] } } })).toBe(false);
  });
});
