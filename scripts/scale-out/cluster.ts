// Scale-out made tangible: the Xero and NAV/BC sandboxes once, in this process, and several
// `ledgerbridge serve` processes on one PostgreSQL and one Redis, each configured against the
// sandboxes as a user configures a gateway (`connect xero` once, then XERO_* and NAV_* settings).
// `npm run scale-out` runs it; test/e2e/scale-out.test.ts starts the very same function.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandboxes, type RunningSandboxes } from '@ledgerbridge/sandbox';
import type { DemoOptions } from '@ledgerbridge/sandbox/demo/index.js';
import { ensureDatabase } from './database.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const command = path.join(repoRoot, 'bin/ledgerbridge.js');

export interface ScaleOutOptions {
  /** PostgreSQL every process shares (created when it does not exist yet). */
  databaseUrl: string;
  /** Redis every process shares: events, the Xero rate budget, callers' budgets. */
  redisUrl: string;
  /** The same key in every process: it seals the Xero connection's tokens in the database. */
  secretKey: string;
  /** One gateway per port (default 4000, 4001, 4002). */
  ports?: readonly number[];
  host?: string;
  /** Sandbox ports (default 4101 and 4102; 0 picks free ones). */
  xeroPort?: number;
  navPort?: number;
  demo?: Partial<DemoOptions>;
  /** Further settings for every gateway (e.g. SYNC_LEASE_MS, LOG_LEVEL). */
  env?: Record<string, string>;
  /** Where each process's output goes, a line at a time (default: stdout, prefixed by its name). */
  onLine?: (name: string, line: string) => void;
}

export interface ScaleOutGateway {
  name: string;
  port: number;
  /** http://host:port/graphql */
  url: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ScaleOut {
  sandboxes: RunningSandboxes;
  tenantId: string;
  gateways: ScaleOutGateway[];
  /** The settings every gateway runs with (for a CLI beside them, or one more gateway). */
  env: Record<string, string>;
  /** Starts one more gateway like the others (a replacement after one died). */
  startGateway(name: string, port: number): ScaleOutGateway;
  /** Sends `signal` to every gateway still running, waits for them, then closes the sandboxes. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const printLine = (name: string, line: string) => process.stdout.write(`[${name}] ${line}\n`);

/** Runs the `ledgerbridge` command with `args`; its output goes to `onLine` under `name`. */
function runCommand(
  name: string,
  args: readonly string[],
  env: Record<string, string>,
  onLine: (name: string, line: string) => void,
): { child: ChildProcess; exited: ScaleOutGateway['exited'] } {
  const child = spawn(process.execPath, [command, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(name, line);
    });
    stream?.on('end', () => partial && onLine(name, partial));
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited };
}

/** The settings of a gateway configured against the sandboxes (demo mode off). */
function gatewayEnv(options: ScaleOutOptions, sandboxes: RunningSandboxes, tenantId: string) {
  return {
    DEMO: 'off',
    NODE_ENV: 'development',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    SECRET_KEY: options.secretKey,
    XERO_CLIENT_ID: 'sandbox',
    XERO_CLIENT_SECRET: 'sandbox',
    XERO_TENANT_ID: tenantId,
    XERO_IDENTITY_URL: sandboxes.xero.url,
    XERO_API_URL: `${sandboxes.xero.url}/api.xro/2.0`,
    NAV_URL: `${sandboxes.nav.url}/DynamicsNAV110/ODataV4`,
    NAV_COMPANY: sandboxes.nav.companyName,
    NAV_USER: 'ADMIN',
    NAV_ACCESS_KEY: 'sandbox',
    NAV_GLOBAL_DIMENSIONS: 'DEPARTMENT,AREA',
    ...options.env,
  };
}

/** Polls the gateway's /readyz until it says ready; fails if the process ends first. */
async function untilReady(gateway: ScaleOutGateway): Promise<void> {
  let ended = false;
  void gateway.exited.then(() => (ended = true));
  const readyz = gateway.url.replace(/graphql$/, 'readyz');
  for (;;) {
    if (ended) throw new Error(`${gateway.name} ended before it was ready`);
    const status = await fetch(readyz).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function startScaleOut(options: ScaleOutOptions): Promise<ScaleOut> {
  const onLine = options.onLine ?? printLine;
  const host = options.host ?? '127.0.0.1';
  await ensureDatabase(options.databaseUrl);
  const sandboxes = await startSandboxes({
    host,
    xeroPort: options.xeroPort ?? 4101,
    navPort: options.navPort ?? 4102,
    ...(options.demo ? { demo: options.demo } : {}),
  });
  const tenantId = sandboxes.xero.sandbox.tenantList()[0]?.tenantId ?? '';
  const env = gatewayEnv(options, sandboxes, tenantId);
  const gateways: ScaleOutGateway[] = [];
  try {
    // Once for all: it migrates the shared database and stores the sandbox's Custom Connection,
    // sealed with SECRET_KEY, where every gateway finds it.
    const connect = runCommand(
      'connect',
      ['connect', 'xero', '--custom-connection', '--identity-url', sandboxes.xero.url],
      env,
      onLine,
    );
    const { code, signal } = await connect.exited;
    if (code !== 0) throw new Error(`connect xero ended with ${code ?? signal}`);
  } catch (error) {
    await sandboxes.close();
    throw error;
  }
  const startGateway = (name: string, port: number): ScaleOutGateway => {
    const { child, exited } = runCommand(name, ['serve'], { ...env, PORT: String(port), HOST: host }, onLine);
    const gateway = { name, port, url: `http://${host}:${port}/graphql`, child, exited };
    gateways.push(gateway);
    return gateway;
  };
  // The first runs the initial sync alone; the others start once it is ready, and find the books
  // already linked. Initial syncs run at once by several processes race on the same records
  // (unique-key failures, the same push queued twice): see the README's "Scale-out".
  const [first, ...others] = options.ports ?? [4000, 4001, 4002];
  const leader = startGateway('gateway-1', first ?? 4000);
  try {
    await untilReady(leader);
  } catch (error) {
    leader.child.kill('SIGTERM');
    await leader.exited;
    await sandboxes.close();
    throw error;
  }
  others.forEach((port, i) => startGateway(`gateway-${i + 2}`, port));
  let stopping: Promise<void> | undefined;
  return {
    sandboxes,
    tenantId,
    gateways,
    env,
    startGateway,
    stop(signal = 'SIGTERM') {
      stopping ??= (async () => {
        for (const g of gateways)
          if (g.child.exitCode === null && g.child.signalCode === null) g.child.kill(signal);
        await Promise.all(gateways.map((g) => g.exited));
        await sandboxes.close();
      })();
      return stopping;
    },
  };
}
