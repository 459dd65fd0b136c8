import { describe, expect, it } from 'vitest';
import { GC_FLAG, leanRestart, MALLOC_ENV, SEMI_SPACE_FLAG } from './lean-runtime.js';

const SELF = '/app/bin/dashlight.js';
const NODE = '/usr/bin/node';

describe('leanRestart', () => {
  it('restarts run and stats with a small young generation, gc() and a small C heap, keeping flags and args', () => {
    for (const command of ['run', 'stats']) {
      const restart = leanRestart(
        [command, '--db', 'x.db'],
        ['--import', 'probe.mjs'],
        { HOME: '/h' },
        SELF,
        NODE,
        true,
      );
      expect(restart?.argv).toEqual([
        NODE,
        SEMI_SPACE_FLAG,
        GC_FLAG,
        '--import',
        'probe.mjs',
        SELF,
        command,
        '--db',
        'x.db',
      ]);
      expect(restart?.env).toEqual({ ...MALLOC_ENV, HOME: '/h' });
    }
  });

  it('lets the user choose their own malloc settings', () => {
    const restart = leanRestart(['run'], [], { MALLOC_ARENA_MAX: '8' }, SELF, NODE, true);
    expect(restart?.env.MALLOC_ARENA_MAX).toBe('8');
  });

  it('leaves other commands, an already lean start and a Node without execve as they are', () => {
    expect(leanRestart(['history', '--json'], [], {}, SELF, NODE, true)).toBeNull();
    expect(leanRestart(['export'], [], {}, SELF, NODE, true)).toBeNull();
    expect(leanRestart([], [], {}, SELF, NODE, true)).toBeNull();
    expect(leanRestart(['run'], [SEMI_SPACE_FLAG, GC_FLAG], {}, SELF, NODE, true)).toBeNull();
    expect(leanRestart(['stats'], [], { NODE_OPTIONS: '--max-semi-space-size=4' }, SELF, NODE, true)).toBeNull();
    expect(leanRestart(['run'], [], {}, SELF, NODE, false)).toBeNull();
  });
});
