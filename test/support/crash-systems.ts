// The ground of the crash tests (test/e2e/worker-crash*.test.ts): both sandboxes, each behind a
// holding proxy, and sync worker processes (sync-worker-process.ts) connected through the proxies,
// so that a test can stop a worker at one exact step of a write — by its pause hook or by holding
// an upstream call — and kill it there.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Lookups } from '../../src/mapping/lookups.js';
import { XeroIdentityClient, identityEndpointsAt } from '../../src/systems/xero/index.js';
import { generateDemoCompany, type DemoOptions } from '@ledgerbridge/sandbox/demo/index.js';
import { startNavSandbox, type RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import { startXeroSandbox, type RunningXeroSandbox } from '@ledgerbridge/sandbox/xero/index.js';
import type { TestPauseStep } from '../../src/sync/runtime/test-pause.js';
import { startHoldingProxy, type HoldingProxy } from './holding-proxy.js';
import {
  killWorkerProcesses,
  sharedStores,
  waitForPauseMarker,
  type SharedStore,
  type SharedStores,
  type StoreKind,
  type WorkerProcess,
} from './worker-processes.js';

export type System = 'XERO' | 'NAV';

export interface CrashSystems {
  xero: RunningXeroSandbox;
  nav: RunningNavSandbox;
  xeroProxy: HoldingProxy;
  navProxy: HoldingProxy;
  tenantId: string;
  /** A worker process's environment: `store`, and `systems` reached through the proxies. */
  workerEnv(
    store: SharedStore,
    systems: readonly System[],
    extra?: Record<string, string>,
  ): Record<string, string>;
  /** The rows of a NAV OData page, read straight from the sandbox (not through its proxy). */
  navRows<T>(page: string, filter?: string): Promise<T[]>;
  /** A record keyed into NAV by a person (POST on an OData page, not through the proxy). */
  navPost<T>(page: string, body: unknown): Promise<T>;
  /** A call to Xero's Accounting API as a person's app makes it (not through the proxy). */
  xeroCall<T>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** What a crash suite works with; filled in before its first test. */
export interface CrashSuite {
  sandboxes: CrashSystems;
  stores: SharedStores;
  lookups: Lookups;
  /** A folder for the pause markers, removed after the suite. */
  tmp: string;
}

/**
 * Registers a crash suite's set-up and tear-down (in the calling describe block): the sandboxes,
 * the shared stores of `kind`, the demo lookups; every worker process killed after each test.
 */
export function useCrashSuite(kind: StoreKind, demo: Partial<DemoOptions>, leaseMs: number): CrashSuite {
  const suite = { tmp: mkdtempSync(path.join(os.tmpdir(), 'lb-crash-')) } as CrashSuite;
  beforeAll(async () => {
    suite.sandboxes = await startCrashSystems(demo, { leaseMs });
    suite.lookups = await Lookups.fromFile('config/lookups.demo.yaml');
    suite.stores = sharedStores(kind);
    await suite.stores.ready;
  });
  afterEach(killWorkerProcesses);
  afterAll(async () => {
    await suite.sandboxes?.close();
    await suite.stores?.dispose();
    rmSync(suite.tmp, { recursive: true, force: true });
  });
  return suite;
}

/** Both sandboxes over one demo company, with limits that never slow a test down. */
export async function startCrashSystems(
  demo: Partial<DemoOptions>,
  worker: { leaseMs: number },
): Promise<CrashSystems> {
  const company = generateDemoCompany(demo);
  const xero = await startXeroSandbox({
    port: 0,
    companies: [company],
    limits: { perMinute: 100_000, perDay: 1_000_000, appPerMinute: 1_000_000 },
  });
  const nav = await startNavSandbox({ port: 0, company });
  const xeroProxy = await startHoldingProxy(xero.url);
  const navProxy = await startHoldingProxy(nav.url);
  const tenantId = xero.tenants[0]!.tenantId;
  const secretKey = randomBytes(32).toString('base64');
  const navRoot = `${nav.url}/DynamicsNAV110/ODataV4/Company('${encodeURIComponent(nav.companyName)}')`;
  const navAuth = `Basic ${Buffer.from('ADMIN:sandbox').toString('base64')}`;
  const identity = new XeroIdentityClient({
    clientId: 'sandbox',
    clientSecret: 'sandbox',
    endpoints: identityEndpointsAt(xero.url),
  });
  return {
    xero,
    nav,
    xeroProxy,
    navProxy,
    tenantId,
    workerEnv: (store, systems, extra = {}) => ({
      ...store.env,
      ...(systems.includes('XERO')
        ? {
            LB_WORKER_SECRET_KEY: secretKey,
            LB_WORKER_XERO_URL: xero.url,
            LB_WORKER_XERO_API_URL: `${xeroProxy.url}/api.xro/2.0`,
          }
        : {}),
      ...(systems.includes('NAV')
        ? {
            LB_WORKER_NAV_URL: navProxy.url,
            LB_WORKER_NAV_COMPANY: nav.companyName,
          }
        : {}),
      LB_WORKER_WORKERS: '1',
      LB_WORKER_LEASE_MS: String(worker.leaseMs),
      LB_WORKER_LOG_LEVEL: 'warn',
      ...extra,
    }),
    async navRows<T>(page: string, filter?: string) {
      const query = filter ? `?$filter=${encodeURIComponent(filter)}` : '';
      const response = await fetch(`${navRoot}/${page}${query}`, { headers: { authorization: navAuth } });
      if (response.status !== 200)
        throw new Error(`GET ${page} answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { value: T[] }).value;
    },
    async navPost<T>(page: string, body: unknown) {
      const response = await fetch(`${navRoot}/${page}`, {
        method: 'POST',
        headers: { authorization: navAuth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 201)
        throw new Error(`POST ${page} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
    async xeroCall<T>(method: string, path: string, body?: unknown) {
      const token = await identity.clientCredentials();
      const response = await fetch(`${xero.url}/api.xro/2.0${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token.accessToken}`,
          'xero-tenant-id': tenantId,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      if (!response.ok)
        throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
    async close() {
      await xeroProxy.close();
      await navProxy.close();
      await xero.close();
      await nav.close();
    },
  };
}

/** The environment that makes a worker stop for good at `step` (for pushes of `entityTypes` only). */
export function pauseEnv(
  step: TestPauseStep,
  marker: string,
  entityTypes: string[] = [],
): Record<string, string> {
  return {
    LEDGERBRIDGE_TEST_PAUSE_AT: step,
    LEDGERBRIDGE_TEST_PAUSE_FILE: marker,
    ...(entityTypes.length ? { LEDGERBRIDGE_TEST_PAUSE_ENTITY: entityTypes.join(',') } : {}),
  };
}

/**
 * Waits until `worker` stands where the test stops it — its pause hook wrote `marker` (see
 * pauseEnv), and every call in `holds` (armed before it started) is held at a proxy — then kills it
 * (SIGKILL). Fails, with the worker's output, if it ends by itself first.
 */
export async function killWhenStopped(
  worker: WorkerProcess,
  stop: { marker?: string | undefined; holds?: Promise<void>[] },
): Promise<void> {
  try {
    await worker.ready;
    if (stop.marker) await waitForPauseMarker(stop.marker, 1, worker);
    await Promise.race([
      Promise.all(stop.holds ?? []),
      worker.exited.then(() => {
        throw new Error(`the worker ended before its call was held:\n${worker.output()}`);
      }),
    ]);
  } finally {
    await worker.kill();
  }
}
