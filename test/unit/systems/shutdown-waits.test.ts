// A shutdown ends the connectors' waits for rate budget, a slot or a Retry-After pause at once, and
// no upstream call starts after it. The pauses here are long (tens of seconds): a wait that the
// abort did not end would run past the test's timeout.
import { describe, expect, it } from 'vitest';
import { isAbortError } from '../../../src/systems/abort.js';
import { Throttle, realSleep } from '../../../src/systems/nav/throttle.js';
import { RateGovernor } from '../../../src/systems/xero/governor.js';

const roomy = { perMinute: 100_000, appPerMinute: 1_000_000 };
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

/** An upstream call that answers when released; `started` resolves once it has been sent. */
function heldCall() {
  let sent: () => void = () => undefined;
  let release: () => void = () => undefined;
  const started = new Promise<void>((r) => (sent = r));
  const call = () => {
    sent();
    return new Promise<string>((r) => (release = () => r('answered')));
  };
  return { call, started, release: () => release() };
}

describe('RateGovernor under shutdown', () => {
  it('ends a Retry-After pause at once with an AbortError, making no call', async () => {
    const shutdown = new AbortController();
    const g = new RateGovernor({ limits: roomy, signal: shutdown.signal });
    await g.rateLimited('t', 45, 'minute');
    let called = false;
    const call = failure(g.run('t', 'bulk', async () => void (called = true)));
    shutdown.abort();
    expect(isAbortError(await call)).toBe(true);
    expect(called).toBe(false);
  });

  it('ends a wait for minute budget, and an injected sleep that never returns', async () => {
    const shutdown = new AbortController();
    const g = new RateGovernor({
      limits: { ...roomy, perMinute: 1 },
      signal: shutdown.signal,
      sleep: () => new Promise<void>(() => undefined),
    });
    await g.run('t', 'bulk', async () => undefined);
    let called = false;
    const call = failure(g.run('t', 'bulk', async () => void (called = true)));
    shutdown.abort();
    expect(isAbortError(await call)).toBe(true);
    expect(called).toBe(false);
  });

  it('drops a call queued for a slot without handing it one; the call in flight finishes', async () => {
    const shutdown = new AbortController();
    const g = new RateGovernor({ limits: { ...roomy, concurrent: 1 }, signal: shutdown.signal });
    const { call, started, release } = heldCall();
    const inFlight = g.run('t', 'bulk', call);
    await started;
    let queuedRan = false;
    const queued = failure(g.run('t', 'interactive', async () => void (queuedRan = true)));
    shutdown.abort();
    expect(isAbortError(await queued)).toBe(true);
    release();
    expect(await inFlight).toBe('answered');
    expect(queuedRan).toBe(false);
    expect((await g.budget('t')).inFlight).toBe(0);
  });

  it('starts no call after the abort, even with budget to spare', async () => {
    const shutdown = new AbortController();
    const g = new RateGovernor({ limits: roomy, signal: shutdown.signal });
    shutdown.abort();
    let called = false;
    expect(isAbortError(await failure(g.run('t', 'bulk', async () => void (called = true))))).toBe(true);
    expect(called).toBe(false);
  });
});

describe('NAV throttle under shutdown', () => {
  it('ends a Retry-After pause and a wait for budget at once, making no request', async () => {
    const shutdown = new AbortController();
    const paused = new Throttle({ signal: shutdown.signal }, realSleep);
    paused.pauseUntil(Date.now() + 45_000);
    const budget = new Throttle(
      { maxRequestsPerWindow: 1, windowSeconds: 60, signal: shutdown.signal },
      realSleep,
    );
    await budget.run(async () => undefined);
    let sent = 0;
    const calls = [paused, budget].map((t) => failure(t.run(async () => void (sent += 1))));
    shutdown.abort();
    for (const call of calls) expect(isAbortError(await call)).toBe(true);
    expect(sent).toBe(0);
  });

  it('drops a request queued for a slot; the one in flight finishes', async () => {
    const shutdown = new AbortController();
    const t = new Throttle({ maxConcurrent: 1, signal: shutdown.signal }, realSleep);
    const { call, started, release } = heldCall();
    const inFlight = t.run(call);
    await started;
    let queuedRan = false;
    const queued = failure(t.run(async () => void (queuedRan = true)));
    shutdown.abort();
    expect(isAbortError(await queued)).toBe(true);
    release();
    expect(await inFlight).toBe('answered');
    expect(queuedRan).toBe(false);
  });
});
