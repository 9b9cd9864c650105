// Fault injection for the sandboxes: rules added through the admin API apply to matching requests.
// Each server decides how a fault looks on its wire (e.g. the 429 body), through FaultHooks.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';

export const faultKinds = [
  'latency', // delay the response by `ms`, then serve normally
  'status', // answer `status` (5xx…) without touching state
  'rate-limit', // answer the system's own 429 shape with Retry-After `retryAfterSeconds`
  'timeout', // never answer; drop the connection after `ms`
  'drop-after-commit', // run the request (state changes), then drop the connection instead of answering
  'expire-token', // treat the presented access token as expired (401 in the system's shape)
] as const;

export const faultRuleInput = z.object({
  kind: z.enum(faultKinds),
  /** Only requests with this HTTP method (any when absent). */
  method: z.string().toUpperCase().optional(),
  /** Only requests whose path contains this substring (any when absent). */
  path: z.string().optional(),
  /** How many matching requests the fault applies to; absent = until cleared. */
  count: z.number().int().positive().optional(),
  ms: z.number().int().nonnegative().max(120_000).default(0),
  status: z.number().int().min(400).max(599).default(503),
  retryAfterSeconds: z.number().int().nonnegative().default(1),
});
export type FaultRuleInput = z.input<typeof faultRuleInput>;
export type FaultRule = z.output<typeof faultRuleInput> & { id: number; hits: number };

export interface FaultHooks {
  /** Writes the system's rate-limit (429) response. */
  rateLimited(res: Response, retryAfterSeconds: number): void;
  /** Writes the system's error response for an injected status. */
  failed(res: Response, status: number): void;
  /** Writes the system's "token expired" 401. */
  tokenExpired(res: Response): void;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...faultRuleInput.parse(input), id: this.nextId++, hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** Takes the first rule matching the request (consuming one of its `count`), if any. */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) => (!r.method || r.method === method.toUpperCase()) && (!r.path || path.includes(r.path)),
    );
    if (!rule) return undefined;
    rule.hits += 1;
    if (rule.count !== undefined && rule.hits >= rule.count) {
      this.rules = this.rules.filter((r) => r !== rule);
    }
    return { ...rule };
  }

  /** Express middleware applying the rules. Mount it after the admin routes, before the API. */
  middleware(hooks: FaultHooks): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const rule = this.take(req.method, req.originalUrl);
      if (!rule) return next();
      switch (rule.kind) {
        case 'latency':
          setTimeout(next, rule.ms);
          return;
        case 'status':
          hooks.failed(res, rule.status);
          return;
        case 'rate-limit':
          hooks.rateLimited(res, rule.retryAfterSeconds);
          return;
        case 'expire-token':
          hooks.tokenExpired(res);
          return;
        case 'timeout':
          setTimeout(() => req.socket.destroy(), rule.ms);
          return;
        case 'drop-after-commit':
          dropInsteadOfAnswering(res);
          next();
          return;
      }
    };
  }
}

/** Lets the handler run (and commit) but destroys the socket instead of sending the response. */
function dropInsteadOfAnswering(res: Response): void {
  const drop = () => {
    res.socket?.destroy();
    return res;
  };
  res.end = drop as Response['end'];
  res.write = (() => {
    res.socket?.destroy();
    return false;
  }) as Response['write'];
}
