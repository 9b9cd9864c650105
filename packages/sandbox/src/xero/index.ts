// Entry point of the Xero sandbox: a stateful simulator of Xero's Accounting API, identity service,
// limits and webhooks. Run standalone with `tsx src/xero/index.ts` (port 4101).
import { pathToFileURL } from 'node:url';
import type { Express } from 'express';
import { DEFAULT_HOST, listen, type RunningServer, type ServerOptions } from '../common/server.js';
import type { DemoCompany } from '../demo/model.js';
import type { XeroLimits } from './limits.js';
import { XeroSandbox, type XeroSandboxOptions } from './sandbox.js';

export type { XeroLimits } from './limits.js';
export { DEFAULT_LIMITS } from './limits.js';
export { XeroSandbox, DEMO_CLIENT, API_BASE, type XeroSandboxOptions } from './sandbox.js';
export { seedTenant } from './seed.js';
export { sign as signWebhookBody } from './webhooks.js';

export const DEFAULT_PORT = 4101;

/** Without a port, a free one is picked. */
export interface StartXeroSandboxOptions extends ServerOptions {
  companies: DemoCompany[];
  limits?: Partial<XeroLimits>;
  now?: () => number;
  webhookRetryDelaysMs?: number[];
  idempotencyTtlMs?: number;
}

export interface RunningXeroSandbox extends RunningServer {
  tenants: { tenantId: string; name: string }[];
  sandbox: XeroSandbox;
}

function sandboxOptions(o: StartXeroSandboxOptions): XeroSandboxOptions {
  const out: XeroSandboxOptions = { companies: o.companies };
  if (o.limits) out.limits = o.limits;
  if (o.now) out.now = o.now;
  if (o.webhookRetryDelaysMs) out.webhookRetryDelaysMs = o.webhookRetryDelaysMs;
  if (o.idempotencyTtlMs !== undefined) out.idempotencyTtlMs = o.idempotencyTtlMs;
  return out;
}

/** The express app alone (for mounting elsewhere or supertest-style use). */
export function createXeroSandboxApp(options: StartXeroSandboxOptions): Express {
  return new XeroSandbox(sandboxOptions(options)).app();
}

export async function startXeroSandbox(options: StartXeroSandboxOptions): Promise<RunningXeroSandbox> {
  const sandbox = new XeroSandbox(sandboxOptions(options));
  const server = await listen(sandbox.app(), options.host ?? DEFAULT_HOST, options.port ?? 0, () =>
    sandbox.close(),
  );
  sandbox.baseUrl = server.url;
  return { ...server, tenants: sandbox.tenantList(), sandbox };
}

async function main(): Promise<void> {
  const { generateDemoCompany } = (await import('../demo/generate.js')) as {
    generateDemoCompany: (o?: object) => DemoCompany;
  };
  const port = Number(process.env.XERO_SANDBOX_PORT ?? DEFAULT_PORT);
  const running = await startXeroSandbox({ port, companies: [generateDemoCompany()] });
  console.log(`Xero sandbox on ${running.url} (client id "sandbox", secret "sandbox")`);
  for (const t of running.tenants) console.log(`  tenant ${t.tenantId}  ${t.name}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
