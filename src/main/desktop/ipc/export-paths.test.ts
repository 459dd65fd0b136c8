import { describe, expect, it, vi } from 'vitest';
import { stubHandlers } from './test-helpers.js';
import { withExportsIn } from './export-paths.js';

const input = { format: 'csv' as const, from: 0, to: 1, resolution: 'auto' as const, metrics: null };

describe('withExportsIn', () => {
  it('puts a bare file name in the Downloads folder and keeps a full path', async () => {
    const handlers = stubHandlers();
    const view = withExportsIn(handlers, '/home/me/Downloads');
    await view.export({ ...input, path: 'day.csv' });
    await view.export({ ...input, path: '/tmp/elsewhere.csv' });
    expect(handlers.export.mock.calls.map(([arg]) => (arg as { path: string }).path)).toEqual([
      '/home/me/Downloads/day.csv',
      '/tmp/elsewhere.csv',
    ]);
  });

  it('leaves every other method as it was, called on the original object', async () => {
    const handlers = stubHandlers();
    handlers.status.mockImplementation(async function (this: unknown) {
      return { self: this === handlers };
    });
    const view = withExportsIn(handlers, '/d');
    expect(await view.status(undefined)).toEqual({ self: true });
    await view.list({ page: 3, limit: 10 });
    expect(handlers.list).toHaveBeenCalledWith({ page: 3, limit: 10 });
    expect(vi.isMockFunction(view.export)).toBe(false);
  });
});
