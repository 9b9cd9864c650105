// One sandbox (Xero or NAV/BC) in a child process of bench/sync.ts, so that the benchmarked process
// holds what a gateway holds (engine and database) and the sandbox's own CPU work never stalls the
// gateway's event loop, as a remote service would not. Besides the sandbox's call log (GET
// /__sandbox/calls), the child watches every API request itself: answers by status, 429s by the
// limit they name and, for Xero, when each accepted call arrived and finished on the sandbox clock —
// from which it checks Xero's limits independently of the sandbox's limiter (the most calls in any
// rolling minute and day, the most in flight at once).
import { fork, type ChildProcess } from 'node:child_process';
import type { RequestListener, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ADMIN_BASE } from './common/app.js';
import { DEFAULT_HOST, listen } from './common/server.js';
import { generateDemoCompany, type DemoCompany, type DemoOptions } from './demo/index.js';
import { createNavSandboxApp } from './nav/index.js';
import { API_BASE, XeroSandbox, type XeroLimits } from './xero/index.js';

export interface SandboxSpec {
  system: 'xero' | 'nav';
  demo: Partial<DemoOptions>;
  /**
   * What Xero holds at the start. 'empty': none of the NAV customers, their invoices or payments (a
   * migration onto a new organisation); 'demo': the demo company's synced share, as generated.
   */
  xeroStart: 'empty' | 'demo';
  /**
   * Make every customer's name and email distinct (the generator gives some customers the same
   * email, or names equal but for the legal form, which the puller's matching then links).
   */
  distinctParties: boolean;
  /** Xero's sandbox clock runs this many times faster than real time, from `epoch` (ms). */
  timeScale: number;
  epoch: number;
  xeroLimits: XeroLimits;
  /** NAV's server page size (MaxPageSize). */
  navPageSize: number;
}

export interface SandboxReady {
  url: string;
  /** NAV company name, or Xero tenant id. */
  tenant: string;
  generateMs: number;
  startMs: number;
  counts: {
    customers: number;
    postedInvoices: number;
    draftInvoices: number;
    /** Customers and sales invoices Xero held at the start. */
    xeroContacts: number;
    xeroSalesInvoices: number;
  };
}

export interface SandboxStats {
  /** API answers by HTTP status. */
  statuses: Record<string, number>;
  /** 429s by X-Rate-Limit-Problem (Xero) or "throttled" (NAV). */
  refused: Record<string, number>;
  /** Calls the limiter let through (everything but 401/403/429). */
  accepted: number;
  /** Most accepted calls in any rolling minute / day of the sandbox clock; most in flight at once. */
  maxPerMinute: number;
  maxPerDay: number;
  maxInFlight: number;
  /** Real time spent answering the accepted calls, in total and the slowest one. */
  answerMs: number;
  slowestMs: number;
  peakRssBytes: number;
  /** CPU time the sandbox process used since it started (user + system). */
  cpuMs: number;
  /** What the Xero organisation holds now (read from its state, not through the API). */
  xeroContacts: number;
  xeroSalesInvoices: number;
}

export interface SandboxProcess {
  ready: SandboxReady;
  stats(): Promise<SandboxStats>;
  /** Forgets the watched calls (the sandbox's own call log is reset over HTTP). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

type Request = { type: 'stats' | 'reset' | 'close'; id: number };
type Reply = { type: 'ready'; ready: SandboxReady } | { type: 'reply'; id: number; stats?: SandboxStats };

const CHILD_FLAG = '--bench-sandbox-child';
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Most timestamps (sorted) within any window of `span` ms, a call leaving the window at exactly `span`. */
export function maxInWindow(sorted: readonly number[], span: number): number {
  let best = 0;
  let i = 0;
  for (let j = 0; j < sorted.length; j++) {
    while ((sorted[i] ?? 0) <= (sorted[j] ?? 0) - span) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

function maxOverlap(calls: readonly { at: number; done: number }[]): number {
  // Ends before starts at the same instant: the sandbox frees the slot when a response finishes.
  const edges = calls.flatMap((c): [number, number][] => [
    [c.at, 1],
    [c.done, -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let best = 0;
  for (const [, d] of edges) best = Math.max(best, (now += d));
  return best;
}

class CallWatch {
  statuses: Record<string, number> = {};
  refused: Record<string, number> = {};
  accepted: { at: number; done: number }[] = [];
  answerMs = 0;
  slowestMs = 0;

  constructor(private readonly now: () => number) {}

  track(res: ServerResponse): void {
    const at = this.now();
    const t = performance.now();
    res.on('finish', () => {
      const took = performance.now() - t;
      const status = String(res.statusCode);
      this.statuses[status] = (this.statuses[status] ?? 0) + 1;
      if (res.statusCode === 429) {
        const problem = String(res.getHeader('x-rate-limit-problem') ?? 'throttled');
        this.refused[problem] = (this.refused[problem] ?? 0) + 1;
      } else if (res.statusCode !== 401 && res.statusCode !== 403) {
        this.accepted.push({ at, done: this.now() });
        this.answerMs += took;
        this.slowestMs = Math.max(this.slowestMs, took);
      }
    });
  }

  stats(): Omit<SandboxStats, 'peakRssBytes' | 'cpuMs' | 'xeroContacts' | 'xeroSalesInvoices'> {
    const times = this.accepted.map((c) => c.at).sort((a, b) => a - b);
    return {
      statuses: { ...this.statuses },
      refused: { ...this.refused },
      accepted: this.accepted.length,
      maxPerMinute: maxInWindow(times, MINUTE),
      maxPerDay: maxInWindow(times, DAY),
      maxInFlight: maxOverlap(this.accepted),
      answerMs: this.answerMs,
      slowestMs: this.slowestMs,
    };
  }

  reset(): void {
    this.statuses = {};
    this.refused = {};
    this.accepted = [];
    this.answerMs = 0;
    this.slowestMs = 0;
  }
}

/** The company as a new Xero organisation sees it: the NAV customers and their invoices not there yet. */
function xeroWithoutNavCustomers(company: DemoCompany): DemoCompany {
  const absent = <T extends { presence: { nav: boolean; xero: boolean } }>(r: T): T => ({
    ...r,
    presence: { ...r.presence, xero: false },
  });
  return {
    ...company,
    customers: company.customers.map((c) => (c.presence.nav ? absent(c) : c)),
    salesInvoices: company.salesInvoices.map(absent),
    payments: company.payments.map((p) => (p.direction === 'RECEIVED' ? absent(p) : p)),
  };
}

function withDistinctParties(company: DemoCompany): DemoCompany {
  return {
    ...company,
    customers: company.customers.map((c) => ({
      ...c,
      name: `${c.name} ${c.no}`,
      ...(c.email ? { email: `${c.no.toLowerCase()}.${c.email}` } : {}),
    })),
  };
}

interface ChildSandbox {
  listener: RequestListener;
  /** Requests that are upstream calls (not the admin API or the identity service). */
  watched(url: string): boolean;
  clock: () => number;
  tenant: string;
  xeroCounts(): { xeroContacts: number; xeroSalesInvoices: number };
  listening(url: string): void;
  close(): Promise<void>;
}

function xeroSandbox(spec: SandboxSpec, company: DemoCompany): ChildSandbox {
  const clock = () => spec.epoch + (Date.now() - spec.epoch) * spec.timeScale;
  const sandbox = new XeroSandbox({
    companies: [spec.xeroStart === 'empty' ? xeroWithoutNavCustomers(company) : company],
    limits: spec.xeroLimits,
    now: clock,
  });
  const tenant = sandbox.tenantList()[0]?.tenantId ?? '';
  return {
    listener: sandbox.app(),
    watched: (url) => url.startsWith(API_BASE),
    clock,
    tenant,
    xeroCounts: () => {
      const t = sandbox.tenant(tenant);
      let invoices = 0;
      for (const i of t?.invoices.values() ?? []) if (i.Type === 'ACCREC') invoices += 1;
      return { xeroContacts: t?.contacts.size ?? 0, xeroSalesInvoices: invoices };
    },
    listening: (url) => (sandbox.baseUrl = url),
    close: () => sandbox.close(),
  };
}

function navSandbox(spec: SandboxSpec, company: DemoCompany): ChildSandbox {
  const app = createNavSandboxApp({ company, pageSize: spec.navPageSize });
  const handle = app.locals.navSandbox;
  return {
    listener: app,
    watched: (url) => !url.startsWith(ADMIN_BASE) && !url.startsWith('/oauth2'),
    clock: Date.now,
    tenant: handle.state.companyName,
    xeroCounts: () => ({ xeroContacts: 0, xeroSalesInvoices: 0 }),
    listening: () => undefined,
    close: async () => handle.close(),
  };
}

async function runChild(spec: SandboxSpec): Promise<void> {
  let started = performance.now();
  const generated = generateDemoCompany(spec.demo);
  const company = spec.distinctParties ? withDistinctParties(generated) : generated;
  const generateMs = performance.now() - started;
  started = performance.now();
  const sandbox = spec.system === 'xero' ? xeroSandbox(spec, company) : navSandbox(spec, company);
  const watch = new CallWatch(sandbox.clock);
  const server = await listen(
    (req, res) => {
      if (sandbox.watched(req.url ?? '')) watch.track(res);
      sandbox.listener(req, res);
    },
    DEFAULT_HOST,
    0,
    () => sandbox.close(),
  );
  const { url } = server;
  sandbox.listening(url);
  const send = (message: Reply, then?: () => void) => process.send?.(message, undefined, undefined, then);
  send({
    type: 'ready',
    ready: {
      url,
      tenant: sandbox.tenant,
      generateMs,
      startMs: performance.now() - started,
      counts: {
        customers: company.customers.filter((c) => c.presence.nav).length,
        postedInvoices: company.salesInvoices.filter((d) => d.posted).length,
        draftInvoices: company.salesInvoices.filter((d) => !d.posted).length,
        ...sandbox.xeroCounts(),
      },
    },
  });
  let closing: Promise<void> | null = null;
  // A server that fails to close is closed all the same as far as the parent is concerned.
  const close = () => (closing ??= server.close().catch(() => undefined));
  process.on('disconnect', () => void close());
  process.on('message', (message: Request) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      const stats: SandboxStats = {
        ...watch.stats(),
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
        cpuMs: (cpu.user + cpu.system) / 1000,
        ...sandbox.xeroCounts(),
      };
      send({ type: 'reply', id: message.id, stats });
    } else if (message.type === 'reset') {
      watch.reset();
      send({ type: 'reply', id: message.id });
    } else {
      void close().then(() => send({ type: 'reply', id: message.id }, () => process.disconnect()));
    }
  });
}

/** Starts a sandbox in a child process and resolves once it listens. */
export function launchSandbox(spec: SandboxSpec): Promise<SandboxProcess> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, JSON.stringify(spec)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let next = 0;
  const waiting = new Map<number, (reply: Extract<Reply, { type: 'reply' }>) => void>();
  const ask = (type: Request['type']) =>
    new Promise<Extract<Reply, { type: 'reply' }>>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, resolve);
      child.send({ type, id } satisfies Request, (error) => {
        if (error) reject(error);
      });
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the ${spec.system} sandbox exited with ${code}`)));
    child.on('message', (message: Reply) => {
      if (message.type === 'reply') {
        waiting.get(message.id)?.(message);
        waiting.delete(message.id);
        return;
      }
      resolve({
        ready: message.ready,
        stats: async () => {
          const reply = await ask('stats');
          if (!reply.stats) throw new Error('no stats in the reply');
          return reply.stats;
        },
        reset: async () => void (await ask('reset')),
        close: async () => {
          if (child.connected) await ask('close');
          await exited;
        },
      });
    });
  });
}

if (process.argv[2] === CHILD_FLAG) await runChild(JSON.parse(process.argv[3] ?? '{}') as SandboxSpec);
