// The simulator: organisations, identity, limits, idempotency, webhooks, call log and faults, wired
// into one express app.
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { sandboxApp } from '../common/app.js';
import { CallLog } from '../common/calls.js';
import { SandboxClock } from '../common/clock.js';
import { FaultInjector } from '../common/faults.js';
import type { DemoCompany } from '../demo/model.js';
import { xeroAdminRouter } from './admin.js';
import { IdentityService, type OAuthClient } from './auth.js';
import type { ApiContext } from './context.js';
import { notFound, postDataInvalid, sendError, serverError, XeroHttpError } from './errors.js';
import { xeroFaultHooks } from './faults.js';
import { IdempotencyStore } from './idempotency.js';
import { DEFAULT_LIMITS, RateLimiter, type XeroLimits } from './limits.js';
import { unitDp } from './request.js';
import { accountsRouter } from './routes/accounts.js';
import { contactsRouter } from './routes/contacts.js';
import { creditNotesRouter } from './routes/credit-notes.js';
import { invoicesRouter } from './routes/invoices.js';
import { itemsRouter } from './routes/items.js';
import { journalsRouter } from './routes/journals.js';
import { paymentsRouter } from './routes/payments.js';
import { settingsRouter } from './routes/settings.js';
import { trackingRouter } from './routes/tracking.js';
import { seedTenant } from './seed.js';
import type { TenantState } from './state.js';
import { WebhookDispatcher } from './webhooks.js';

export const API_BASE = '/api.xro/2.0';

export interface XeroSandboxOptions {
  companies: DemoCompany[];
  limits?: Partial<XeroLimits>;
  /** Clock (epoch ms); defaults to Date.now. */
  now?: () => number;
  webhookRetryDelaysMs?: number[];
  /** How long Idempotency-Key responses are kept (default 6 minutes). */
  idempotencyTtlMs?: number;
  clients?: OAuthClient[];
}

export const DEMO_CLIENT: OAuthClient = {
  clientId: 'sandbox',
  clientSecret: 'sandbox',
  appName: 'ledgerbridge sandbox',
};

const GUID_SEGMENT = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi;

/** Call-log key: method and path below the API base, ids folded (`GET /Invoices/{id}`). */
export function endpointKey(method: string, path: string): string {
  return `${method} ${path.replace(GUID_SEGMENT, '/{id}')}`;
}

export class XeroSandbox {
  readonly calls = new CallLog();
  readonly faults = new FaultInjector();
  readonly identity: IdentityService;
  readonly limiter: RateLimiter;
  readonly idempotency: IdempotencyStore;
  readonly webhooks: WebhookDispatcher;
  readonly clock: SandboxClock;
  baseUrl = 'http://127.0.0.1';
  private tenants: TenantState[] = [];
  private readonly clients: OAuthClient[];

  constructor(private readonly options: XeroSandboxOptions) {
    this.clock = new SandboxClock(options.now ?? Date.now);
    this.clients = options.clients ?? [DEMO_CLIENT];
    this.identity = new IdentityService(
      this.clients,
      () => this.tenants,
      () => this.now(),
    );
    this.limiter = new RateLimiter({ ...DEFAULT_LIMITS, ...options.limits }, () => this.now());
    this.idempotency = new IdempotencyStore(() => this.now(), options.idempotencyTtlMs);
    this.webhooks = new WebhookDispatcher(() => this.baseUrl, options.webhookRetryDelaysMs);
    this.reset();
  }

  now(): number {
    return this.clock.now();
  }

  /** Reloads every organisation from its demo company and forgets calls, quotas and keys. */
  reset(): void {
    const previous = new Map(this.tenants.map((t) => [t.tenantId, t.connection]));
    this.tenants = this.options.companies.map((c) => {
      const t = seedTenant(c, this.now());
      const connection = previous.get(t.tenantId);
      return connection ? Object.assign(t, { connection }) : t;
    });
    this.calls.reset();
    this.limiter.reset();
    this.idempotency.clear();
  }

  tenant(id: string): TenantState | undefined {
    return this.tenants.find((t) => t.tenantId === id.toLowerCase());
  }

  tenantList(): { tenantId: string; name: string }[] {
    return this.tenants.map((t) => ({ tenantId: t.tenantId, name: t.name }));
  }

  app(): Express {
    const app = sandboxApp(this.calls, this.faults, xeroAdminRouter(this));
    app.set('etag', false);
    app.use(this.identity.router());

    const api = express.Router();
    api.use(
      this.calls.middleware((req) => [
        req.header('xero-tenant-id')?.toLowerCase() ?? '-',
        endpointKey(req.method, req.path),
      ]),
    );
    api.use(
      this.identity.apiGuard((req, res, tenant, clientId) => {
        const ctx: ApiContext = {
          tenant,
          now: this.now(),
          unitdp: 2,
          providerName: this.clients.find((c) => c.clientId === clientId)?.appName ?? clientId,
        };
        res.locals.xero = ctx;
        ctx.unitdp = safeUnitDp(req);
      }),
    );
    const tenantOf = (res: Response) => (res.locals.xero as ApiContext).tenant.tenantId;
    api.use(this.limiter.middleware(tenantOf));
    api.use(this.faults.middleware(xeroFaultHooks(() => this.now())));
    api.use(express.json({ limit: '10mb', type: () => true }));
    api.use(this.idempotency.middleware(tenantOf));
    // Webhook events produced by a request go out once it has been answered.
    api.use((_req, res, next) => {
      res.on('finish', () => {
        const t = (res.locals.xero as ApiContext).tenant;
        const events = t.events.splice(0);
        if (res.statusCode < 300) this.webhooks.publish(t.tenantId, events);
      });
      next();
    });
    for (const router of [
      contactsRouter(),
      invoicesRouter(),
      paymentsRouter(),
      creditNotesRouter(),
      itemsRouter(),
      accountsRouter(),
      trackingRouter(),
      journalsRouter(),
      settingsRouter(),
    ]) {
      api.use(router);
    }
    api.use(() => {
      throw notFound();
    });
    app.use(API_BASE, api);
    app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return next(err);
      if (err instanceof XeroHttpError) return sendError(res, err);
      if (
        err instanceof SyntaxError ||
        (typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.parse.failed')
      ) {
        return sendError(res, postDataInvalid(' the request body is not valid JSON.'));
      }
      console.error('[xero sandbox] unexpected error', err);
      sendError(res, serverError(500));
    });
    return app;
  }

  async close(): Promise<void> {
    await this.webhooks.close();
  }
}

function safeUnitDp(req: Request): 2 | 4 {
  try {
    return unitDp(req);
  } catch {
    return 2;
  }
}
