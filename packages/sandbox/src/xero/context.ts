// Per-request context the API handlers work with: the tenant chosen by xero-tenant-id, "now" from
// the injectable clock, and the response helpers that write Xero's envelope.
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { TenantState } from './state.js';
import { msDateNoOffset } from './dates.js';
import { stringify } from './json.js';
import type { Pagination } from './listing.js';

export interface ApiContext {
  tenant: TenantState;
  now: number;
  unitdp: 2 | 4;
  /** The app's name as Xero echoes it in ProviderName. */
  providerName: string;
}

export function apiContext(res: Response): ApiContext {
  const ctx = res.locals.xero as ApiContext | undefined;
  if (!ctx) throw new Error('xero context missing (auth middleware not mounted?)');
  return ctx;
}

/** Xero's response envelope around a collection. */
export function envelope(
  ctx: ApiContext,
  key: string,
  items: unknown[],
  pagination?: Pagination,
): Record<string, unknown> {
  return {
    Id: randomUUID(),
    Status: 'OK',
    ProviderName: ctx.providerName,
    DateTimeUTC: msDateNoOffset(ctx.now),
    ...(pagination ? { pagination } : {}),
    [key]: items,
  };
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json; charset=utf-8').send(stringify(body));
}

export function sendEnvelope(res: Response, key: string, items: unknown[], pagination?: Pagination): void {
  sendJson(res, 200, envelope(apiContext(res), key, items, pagination));
}
