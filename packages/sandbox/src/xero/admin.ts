// Xero-specific admin API under /__sandbox (beside the shared calls/faults routes): reset to the
// demo data, the clock, token expiry, limits, lock dates and webhooks. Never counted or limited.
import express, { type Router } from 'express';
import { z } from 'zod';
import type { SandboxClock } from '../common/clock.js';
import type { IdentityService } from './auth.js';
import type { RateLimiter } from './limits.js';
import type { TenantState } from './state.js';
import type { WebhookDispatcher } from './webhooks.js';

/** What the admin API acts on (the simulator itself). */
export interface AdminTarget {
  readonly clock: SandboxClock;
  readonly identity: IdentityService;
  readonly limiter: RateLimiter;
  readonly webhooks: WebhookDispatcher;
  reset(): void;
  tenant(id: string): TenantState | undefined;
  tenantList(): { tenantId: string; name: string }[];
}

const webhookInput = z.object({ url: z.url(), key: z.string().min(1) });
const webhookFaults = z.object({ duplicate: z.boolean().optional(), outOfOrder: z.boolean().optional() });
const limitsInput = z.object({
  perMinute: z.number().int().positive().optional(),
  perDay: z.number().int().positive().optional(),
  concurrent: z.number().int().positive().optional(),
  appPerMinute: z.number().int().positive().optional(),
});
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const lockInput = z.object({
  periodLockDate: day.nullable().optional(),
  endOfYearLockDate: day.nullable().optional(),
});

export function xeroAdminRouter(sandbox: AdminTarget): Router {
  const r = express.Router();
  r.use(express.json());
  r.get('/tenants', (_req, res) => {
    res.json(sandbox.tenantList());
  });
  r.post('/reset', (_req, res) => {
    sandbox.reset();
    res.json({ tenants: sandbox.tenantList() });
  });
  r.get('/clock', (_req, res) => {
    res.json({ now: sandbox.clock.iso(), offsetMs: sandbox.clock.offsetMs });
  });
  r.post('/clock', (req, res) => {
    const parsed = z.object({ advanceMs: z.number().int().nonnegative() }).safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json({ error: 'advanceMs (non-negative integer) required' });
    sandbox.clock.advance(parsed.data.advanceMs);
    res.json({ now: sandbox.clock.iso(), offsetMs: sandbox.clock.offsetMs });
  });
  r.post('/tokens/expire', (_req, res) => {
    res.json({ expired: sandbox.identity.expireAccessTokens() });
  });
  r.get('/limits', (_req, res) => {
    res.json(sandbox.limiter.limits);
  });
  r.post('/limits', (req, res) => {
    const parsed = limitsInput.safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json({ error: 'invalid limits', issues: parsed.error.issues });
    const next = { ...sandbox.limiter.limits };
    for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) next[k as keyof typeof next] = v;
    sandbox.limiter.limits = next;
    res.json(next);
  });
  r.post('/organisations/:tenantId/lock-dates', (req, res) => {
    const tenant = sandbox.tenant(req.params.tenantId);
    const parsed = lockInput.safeParse(req.body);
    if (!tenant || !parsed.success)
      return void res
        .status(tenant ? 400 : 404)
        .json({ error: tenant ? 'invalid lock dates' : 'unknown tenant' });
    const org = { ...tenant.org };
    if (parsed.data.periodLockDate !== undefined) {
      if (parsed.data.periodLockDate === null) delete org.PeriodLockDate;
      else org.PeriodLockDate = parsed.data.periodLockDate;
    }
    if (parsed.data.endOfYearLockDate !== undefined) {
      if (parsed.data.endOfYearLockDate === null) delete org.EndOfYearLockDate;
      else org.EndOfYearLockDate = parsed.data.endOfYearLockDate;
    }
    tenant.org = org;
    res.json({
      periodLockDate: org.PeriodLockDate ?? null,
      endOfYearLockDate: org.EndOfYearLockDate ?? null,
    });
  });
  r.get('/webhooks', (_req, res) => {
    const w = sandbox.webhooks;
    res.json({
      url: w.config?.url ?? null,
      active: w.active,
      faults: w.faults,
      retryDelaysMs: w.retryDelaysMs,
      deliveries: w.deliveries,
    });
  });
  r.post('/webhooks', async (req, res) => {
    const parsed = webhookInput.safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json({ error: 'url and key required', issues: parsed.error.issues });
    const result = await sandbox.webhooks.subscribe(parsed.data);
    res.status(result.status === 'OK' ? 200 : 422).json(result);
  });
  r.delete('/webhooks', (_req, res) => {
    sandbox.webhooks.unsubscribe();
    res.status(204).end();
  });
  r.post('/webhooks/faults', (req, res) => {
    const parsed = webhookFaults.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: 'invalid webhook faults' });
    const w = sandbox.webhooks;
    w.faults = {
      duplicate: parsed.data.duplicate ?? w.faults.duplicate,
      outOfOrder: parsed.data.outOfOrder ?? w.faults.outOfOrder,
    };
    if (!w.faults.outOfOrder) w.releaseHeld();
    res.json(w.faults);
  });
  /** Waits until every webhook delivery (and retry) has finished. */
  r.post('/webhooks/idle', async (_req, res) => {
    await sandbox.webhooks.idle();
    res.status(204).end();
  });
  return r;
}
