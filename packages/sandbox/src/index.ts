// Both simulated systems at once over the same demo company: what `npm run sandbox` runs and
// what demo mode and end-to-end tests start in-process.
import { DEFAULT_HOST } from './common/server.js';
import { generateDemoCompany, type DemoOptions } from './demo/index.js';
import {
  DEFAULT_PORT as XERO_DEFAULT_PORT,
  DEMO_CLIENT,
  startXeroSandbox,
  type RunningXeroSandbox,
  type XeroLimits,
} from './xero/index.js';
import {
  NAV_SANDBOX_DEFAULT_PORT,
  demoCredentials,
  startNavSandbox,
  type RunningNavSandbox,
} from './nav/index.js';

export interface SandboxesOptions {
  host?: string;
  /** 0 picks free ports (tests). */
  xeroPort?: number;
  navPort?: number;
  demo?: Partial<DemoOptions>;
  /** Scale the Xero sandbox's limits (tests and benchmarks). */
  xeroLimits?: Partial<XeroLimits>;
}

export interface RunningSandboxes {
  xero: RunningXeroSandbox;
  nav: RunningNavSandbox;
  /** Human-readable endpoints and demo credentials. */
  describe(): string;
  close(): Promise<void>;
}

export const sandboxDefaults = { xeroPort: XERO_DEFAULT_PORT, navPort: NAV_SANDBOX_DEFAULT_PORT } as const;

export async function startSandboxes(options: SandboxesOptions = {}): Promise<RunningSandboxes> {
  const company = generateDemoCompany(options.demo);
  const host = options.host ?? DEFAULT_HOST;
  const xero = await startXeroSandbox({
    host,
    port: options.xeroPort ?? XERO_DEFAULT_PORT,
    companies: [company],
    ...(options.xeroLimits ? { limits: options.xeroLimits } : {}),
  });
  let nav: RunningNavSandbox;
  try {
    nav = await startNavSandbox({ host, port: options.navPort ?? NAV_SANDBOX_DEFAULT_PORT, company });
  } catch (error) {
    await xero.close();
    throw error;
  }
  const navUser = demoCredentials.users[0];
  const bcClient = demoCredentials.clients[0];
  const companySegment = encodeURIComponent(nav.companyName);
  return {
    xero,
    nav,
    describe: () =>
      [
        `Xero sandbox      ${xero.url}/api.xro/2.0/   token ${xero.url}/connect/token   connections ${xero.url}/connections`,
        `  custom connection: client id "${DEMO_CLIENT.clientId}", secret "${DEMO_CLIENT.clientSecret}" (client_credentials)`,
        ...xero.tenants.map((t) => `  tenant ${t.tenantId}  ${t.name}`),
        `NAV OData V4      ${nav.url}/DynamicsNAV110/ODataV4/Company('${companySegment}')/`,
        `Business Central  ${nav.url}/BC/api/v2.0/companies(${nav.companyId})/`,
        `  user "${navUser?.name}", web-service access key "${navUser?.accessKey}" (Basic); ` +
          `BC OAuth client "${bcClient?.clientId}" / "${bcClient?.clientSecret}" at ${nav.url}/oauth2/v2.0/token`,
        `Call counts       GET ${xero.url}/__sandbox/calls   GET ${nav.url}/__sandbox/calls`,
      ].join('\n'),
    async close() {
      await Promise.all([xero.close(), nav.close()]);
    },
  };
}
