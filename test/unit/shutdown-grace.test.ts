// A shutdown step that never ends delays the stop by the grace period only, and is named.
import { describe, expect, it } from 'vitest';
import { settleWithin } from '../../src/sync/runtime/grace.js';

describe('settleWithin', () => {
  it('returns once every step is done, reporting the ones that failed', async () => {
    const settled = await settleWithin(60_000, {
      workers: Promise.resolve(),
      inbox: Promise.reject(new Error('inbox gone')),
      'BC webhooks': undefined,
    });
    expect(settled.unfinished).toEqual([]);
    expect(settled.failed.map((f) => [f.step, (f.error as Error).message])).toEqual([
      ['inbox', 'inbox gone'],
    ]);
  });

  it('gives up on a step that never ends after the grace period, naming it', async () => {
    const settled = await settleWithin(50, {
      workers: new Promise(() => undefined),
      'sync run': Promise.resolve(),
    });
    expect(settled).toEqual({ unfinished: ['workers'], failed: [] });
  });
});
