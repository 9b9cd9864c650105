// Starts an in-process NAV/BC sandbox on a random port and offers small fetch helpers.
import { startNavSandbox, type NavSandboxOptions } from '../../../src/nav/index.js';
import type { DemoCompany } from '../../../src/demo/model.js';
import { demoFixture } from './fixture.js';

export const BASIC = `Basic ${Buffer.from('ADMIN:sandbox').toString('base64')}`;
export const COMPANY = "Company('CRONUS%20International%20Ltd.')";

export interface Sandbox {
  url: string;
  companyId: string;
  nav: string;
  bc: string;
  close(): Promise<void>;
  /** Request with Basic auth; JSON bodies are serialised. */
  call(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  json<T = Record<string, unknown>>(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  admin(path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** GETs a collection following every @odata.nextLink. */
  all<T = Record<string, unknown>>(path: string): Promise<T[]>;
}

export async function startSandbox(
  opts: Partial<NavSandboxOptions> & { company?: DemoCompany } = {},
): Promise<Sandbox> {
  const running = await startNavSandbox({ port: 0, ...opts, company: opts.company ?? demoFixture() });
  const call: Sandbox['call'] = (path, init = {}) =>
    fetch(path.startsWith('http') ? path : running.url + path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: BASIC,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined
        ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
        : {}),
    });
  return {
    url: running.url,
    companyId: running.companyId,
    nav: `/DynamicsNAV110/ODataV4/${COMPANY}`,
    bc: `/BC/api/v2.0/companies(${running.companyId})`,
    close: () => running.close(),
    call,
    async json(path, init) {
      const res = await call(path, init);
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as never, headers: res.headers };
    },
    async all<T>(path: string) {
      const out: T[] = [];
      let next: string | undefined = path;
      while (next) {
        const res = await call(next);
        const body = (await res.json()) as { value: T[]; '@odata.nextLink'?: string };
        out.push(...body.value);
        next = body['@odata.nextLink'];
      }
      return out;
    },
    async admin(path, body) {
      const res = await fetch(`${running.url}/__sandbox${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return (await res.json()) as Record<string, unknown>;
    },
  };
}

/** Sums G/L entries (NAV GLEntry page) in cents: debits, credits and the net. */
export function glCents(entries: { Debit_Amount: number; Credit_Amount: number; Amount: number }[]): {
  debit: number;
  credit: number;
  net: number;
} {
  let debit = 0;
  let credit = 0;
  let net = 0;
  for (const e of entries) {
    debit += Math.round(e.Debit_Amount * 100);
    credit += Math.round(e.Credit_Amount * 100);
    net += Math.round(e.Amount * 100);
  }
  return { debit, credit, net };
}
