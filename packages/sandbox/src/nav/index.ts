// Entry point of the NAV / Business Central sandbox: NAV 2017/2018 OData V4 pages and the BC API
// v2.0 over one in-memory company, with demo data, posting, webhooks, throttling and faults.
import { DEFAULT_HOST, listen, type RunningServer } from '../common/server.js';
import { createNavSandboxApp } from './app.js';
import type { NavSandboxOptions } from './options.js';

export { createNavSandboxApp, type NavSandboxApp, type NavSandboxHandle } from './app.js';
export { navFaultHooks } from './faults.js';
export {
  defaultLimits,
  demoCredentials,
  type NavCredentials,
  type NavLimits,
  type NavSandboxOptions,
} from './options.js';
export { seedCompany } from './seed.js';

export const NAV_SANDBOX_DEFAULT_PORT = 4102;

export interface RunningNavSandbox extends RunningServer {
  companyId: string;
  companyName: string;
}

export async function startNavSandbox(options: NavSandboxOptions): Promise<RunningNavSandbox> {
  const app = createNavSandboxApp(options);
  const handle = app.locals.navSandbox;
  const server = await listen(
    app,
    options.host ?? DEFAULT_HOST,
    options.port ?? NAV_SANDBOX_DEFAULT_PORT,
    () => handle.close(),
  );
  return { ...server, companyId: handle.state.companyId, companyName: handle.state.companyName };
}
