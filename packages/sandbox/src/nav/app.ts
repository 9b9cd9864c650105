// Assembles the sandbox: admin API (/__sandbox), the Entra-style token endpoint, then both
// dialects behind call counting, authentication, throttling and fault injection.
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { sandboxApp } from '../common/app.js';
import { CallLog } from '../common/calls.js';
import { SandboxClock } from '../common/clock.js';
import { FaultInjector } from '../common/faults.js';
import type { DemoCompany } from '../demo/model.js';
import { authenticate, TokenStore, tokenRouter } from './auth.js';
import type { NavContext } from './context.js';
import { NavError, sendError } from './errors.js';
import { navFaultHooks } from './faults.js';
import {
  defaultLimits,
  demoCredentials,
  type NavCredentials,
  type NavLimits,
  type NavSandboxOptions,
} from './options.js';
import { NtlmAcceptor } from './ntlm.js';
import { navAdminRouter } from './routes/admin.js';
import { bcRouter } from './routes/bc-api.js';
import { navRouter, servicePath } from './routes/nav-odata.js';
import { seedCompany } from './seed.js';
import { bcSets, navService } from './services.js';
import type { NavState } from './state.js';
import { Throttle } from './throttle.js';
import { WebhookHub } from './webhooks.js';

export interface NavSandboxHandle {
  readonly state: NavState;
  readonly clock: SandboxClock;
  readonly calls: CallLog;
  readonly faults: FaultInjector;
  readonly hub: WebhookHub;
  readonly navInstance: string;
  readonly bcInstance: string;
  reset(company?: DemoCompany): void;
  close(): void;
}

/** The app, with the handle tests and the bench process reach the sandbox's state through. */
export type NavSandboxApp = express.Express & { locals: { navSandbox: NavSandboxHandle } };

declare module 'express-serve-static-core' {
  interface Locals {
    navContext?: NavContext;
  }
}

/** "GET NAV Customer", "POST BC salesInvoices/Microsoft.NAV.post": keys removed, company skipped. */
function endpointLabel(dialect: 'NAV' | 'BC', method: string, path: string): string {
  const names = path
    .split('/')
    .map((s) => s.replace(/\(.*\)$/s, ''))
    .filter((s) => s && s !== 'Company' && s !== 'companies');
  return `${method} ${dialect} ${names.join('/') || (path.startsWith('compan') ? (dialect === 'NAV' ? 'Company' : 'companies') : '/')}`;
}

export function createNavSandboxApp(options: NavSandboxOptions): NavSandboxApp {
  const clock = new SandboxClock(options.now ?? Date.now);
  const limits: NavLimits = { ...defaultLimits, ...options.limits };
  const creds: NavCredentials = { ...demoCredentials, ...options.credentials };
  const navInstance = options.navInstance ?? 'DynamicsNAV110';
  const bcInstance = options.bcInstance ?? 'BC';
  const pageSize = options.pageSize ?? 1000;
  let company = options.company;
  let state = seedCompany(company, clock);
  const calls = new CallLog();
  const faults = new FaultInjector();
  const tokens = new TokenStore(clock);
  const windows = new Set(options.windowsAuthentication ?? []);
  const ntlm = new NtlmAcceptor(
    () => creds.windowsUsers,
    options.windowsDomain ?? 'CRONUS',
    () => clock.now(),
  );
  const throttle = new Throttle(() => limits, clock);
  const navPages = navService(options.extensionFields);
  const subscribable = bcSets.filter((s) => s.webhookSet).map((s) => s.setName);
  let hub = new WebhookHub(state, clock, limits, subscribable);

  const handle: NavSandboxHandle = {
    get state() {
      return state;
    },
    clock,
    calls,
    faults,
    get hub() {
      return hub;
    },
    navInstance,
    bcInstance,
    reset(next?: DemoCompany) {
      if (next) company = next;
      hub.close();
      state = seedCompany(company, clock);
      hub = new WebhookHub(state, clock, limits, subscribable);
      throttle.reset();
    },
    close() {
      hub.close();
    },
  };

  const app = sandboxApp(
    calls,
    faults,
    navAdminRouter({ state: () => state, clock, hub: () => hub, reset: (c) => handle.reset(c) }),
  ) as NavSandboxApp;
  app.locals.navSandbox = handle;
  app.set('query parser', 'simple');

  app.use(
    tokenRouter(
      () => creds,
      tokens,
      () => limits,
      () => state.companyId,
    ),
  );

  const dialect = (kind: 'nav' | 'bc', mount: string) => {
    const label = kind === 'nav' ? 'NAV' : 'BC';
    const pipeline = express.Router();
    pipeline.use(
      calls.middleware((req) => [state.companyName, endpointLabel(label, req.method, servicePath(req))]),
    );
    pipeline.use(express.json({ limit: '350mb', type: ['application/json', '+json'] }));
    pipeline.use(async (req: Request, res: Response, next: NextFunction) => {
      const user = windows.has(kind) ? ntlm.authenticate(req) : authenticate(req, kind, creds, tokens);
      const release = await throttle.acquire(user);
      res.on('close', release);
      res.locals.navContext = { state, clock, dialect: kind, user };
      next();
    });
    pipeline.use(faults.middleware(navFaultHooks()));
    const deps = {
      context: (_req: Request, res: Response) => res.locals.navContext!,
      pageSize: () => pageSize,
      root: (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}${mount}/`,
    };
    pipeline.use(kind === 'nav' ? navRouter(deps, navPages) : bcRouter({ ...deps, hub: () => hub }));
    app.use(mount, pipeline);
  };
  dialect('nav', `/${navInstance}/ODataV4`);
  dialect('bc', `/${bcInstance}/api/v2.0`);

  app.use((req, res) => {
    sendError(
      res,
      new NavError(
        404,
        'BadRequest_NotFound',
        `Resource not found for the segment '${req.path.split('/')[1] ?? ''}'.`,
      ),
      randomUUID(),
    );
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    if (err instanceof NavError) return sendError(res, err, randomUUID());
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed')
      return sendError(res, new NavError(400, 'BadRequest', 'Invalid Request Body'), randomUUID());
    sendError(
      res,
      new NavError(500, 'Internal_ServerError', err instanceof Error ? err.message : 'Unexpected error'),
      randomUUID(),
    );
  });
  return app;
}
