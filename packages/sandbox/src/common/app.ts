// The express app every sandbox starts from: no X-Powered-By header, and the admin API under
// /__sandbox (the shared call-log and fault routes, then the system's own), mounted before the API
// so admin calls are never counted, limited or faulted.
import express, { type Express, type Router } from 'express';
import { sandboxAdminRouter } from './admin.js';
import type { CallLog } from './calls.js';
import type { FaultInjector } from './faults.js';

export const ADMIN_BASE = '/__sandbox';

export function sandboxApp(calls: CallLog, faults: FaultInjector, systemAdmin: Router): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(ADMIN_BASE, sandboxAdminRouter(calls, faults), systemAdmin);
  return app;
}
