// Entry point of the NAV / Business Central sandbox: NAV 2017/2018 OData V4 pages and the BC API
// v2.0 over one in-memory company, with demo data, posting, webhooks, throttling and faults.
import type { AddressInfo } from 'node:net';
import { createNavSandboxApp } from './app.js';
import type { NavSandboxOptions } from './options.js';

export { createNavSandboxApp, navFaultHooks, type NavSandboxHandle } from './app.js';
export {
  defaultLimits,
  demoCredentials,
  type NavCredentials,
  type NavLimits,
  type NavSandboxOptions,
} from './options.js';
export { seedCompany } from './seed.js';

export const NAV_SANDBOX_DEFAULT_PORT = 4102;

export interface RunningNavSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
  companyId: string;
  companyName: string;
}

export async function startNavSandbox(options: NavSandboxOptions): Promise<RunningNavSandbox> {
  const app = createNavSandboxApp(options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(options.port ?? NAV_SANDBOX_DEFAULT_PORT, host, (err?: Error) =>
      err ? reject(err) : resolve(s),
    );
  });
  // Idle keep-alive connections outlive the clients' own idle timeout (Node's agent: 5 s), as
  // real APIs' do: otherwise a request can race the server closing its connection (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const port = (server.address() as AddressInfo).port;
  const handle = app.locals.navSandbox;
  return {
    url: `http://${host}:${port}`,
    port,
    companyId: handle.state.companyId,
    companyName: handle.state.companyName,
    close: () =>
      new Promise<void>((resolve, reject) => {
        handle.close();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
