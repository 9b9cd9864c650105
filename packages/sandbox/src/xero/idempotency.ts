// Idempotency-Key on PUT/POST: the first response for a key is stored (per tenant) and replayed for
// the same request until the key expires, without running the request again. Reusing a key for a
// different request is rejected. Keys are at most 128 characters.
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { badRequest, sendError } from './errors.js';

interface Stored {
  fingerprint: string;
  status: number;
  contentType: string;
  body: string;
  expiresAt: number;
}

export const DEFAULT_IDEMPOTENCY_TTL_MS = 6 * 60 * 1000;
const MAX_KEY_LENGTH = 128;

export class IdempotencyStore {
  private readonly entries = new Map<string, Stored>();

  constructor(
    private readonly now: () => number,
    public ttlMs: number = DEFAULT_IDEMPOTENCY_TTL_MS,
  ) {}

  clear(): void {
    this.entries.clear();
  }

  middleware(tenantOf: (res: Response) => string) {
    return (req: Request, res: Response, next: NextFunction) => {
      const key = req.header('Idempotency-Key');
      if (!key || (req.method !== 'PUT' && req.method !== 'POST')) return next();
      if (key.length > MAX_KEY_LENGTH) {
        return sendError(res, badRequest(`Idempotency-Key must be ${MAX_KEY_LENGTH} characters or fewer.`));
      }
      const now = this.now();
      for (const [k, v] of this.entries) if (v.expiresAt <= now) this.entries.delete(k);
      const id = `${tenantOf(res)}\u0000${key}`;
      const fingerprint = createHash('sha256')
        .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
        .digest('hex');
      const hit = this.entries.get(id);
      if (hit) {
        if (hit.fingerprint !== fingerprint) {
          return sendError(
            res,
            badRequest(`Idempotency-Key ${key} has already been used with a different request.`),
          );
        }
        res.status(hit.status).type(hit.contentType).send(hit.body);
        return;
      }
      // Capture what the handler sends so a retry gets the same bytes.
      const send = res.send.bind(res);
      res.send = ((body?: unknown) => {
        if (res.statusCode < 500 && res.statusCode !== 429) {
          this.entries.set(id, {
            fingerprint,
            status: res.statusCode,
            contentType: String(res.getHeader('content-type') ?? 'application/json; charset=utf-8'),
            body: typeof body === 'string' ? body : JSON.stringify(body),
            expiresAt: now + this.ttlMs,
          });
        }
        return send(body);
      }) as Response['send'];
      next();
    };
  }
}
