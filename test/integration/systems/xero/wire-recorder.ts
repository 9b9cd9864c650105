// For the payment, item and tracking-category write tests: a pass-through HTTP proxy between the
// connector and the Xero sandbox that records every Accounting API request and answer as sent on the
// wire, and a check of those bodies against Xero's OpenAPI spec — the schema (types, enums, lengths)
// and, beyond what the schema enforces, that every property sent is one the spec declares.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { load } from 'js-yaml';
import { RateGovernor, XeroApi, XeroConnector } from '../../../../src/systems/xero/index.js';
import { sharedFile } from '../../../../packages/sandbox/test/support/shared.js';
import { loadXeroSpec } from '../../../../packages/sandbox/test/support/xero-spec.js';
import type { Env } from './support.js';

export interface Recorded {
  method: string;
  /** Path under the API base, with the query string. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  response: unknown;
}

export interface Recorder {
  url: string;
  calls: Recorded[];
  /** Recorded writes (PUT/POST) since the last clear. */
  writes(): Recorded[];
  clear(): void;
  close(): Promise<void>;
}

const FORWARDED = [
  'authorization',
  'xero-tenant-id',
  'idempotency-key',
  'if-modified-since',
  'accept',
  'content-type',
];

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

const json = (text: string): unknown => {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
};

/** A proxy on a free loopback port forwarding to `target` (the sandbox's base URL). */
export async function startRecorder(target: string): Promise<Recorder> {
  const calls: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      const headers: Record<string, string> = {};
      for (const h of FORWARDED) {
        const v = req.headers[h];
        if (typeof v === 'string') headers[h] = v;
      }
      const method = req.method ?? 'GET';
      const path = (req.url ?? '').replace(/^\/api\.xro\/2\.0/, '');
      let upstream: Response;
      try {
        upstream = await fetch(`${target}${req.url ?? ''}`, {
          method,
          headers,
          ...(text && method !== 'GET' ? { body: text } : {}),
        });
      } catch {
        // The sandbox dropped the connection (fault injection): drop ours too.
        calls.push({
          method,
          path,
          headers,
          body: json(text),
          status: 0,
          response: undefined,
        });
        req.socket.destroy();
        return;
      }
      const answer = await upstream.text();
      calls.push({
        method,
        path,
        headers,
        body: json(text),
        status: upstream.status,
        response: json(answer),
      });
      const out: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection') out[k] = v;
      });
      res.writeHead(upstream.status, out);
      res.end(answer);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    writes: () => calls.filter((c) => c.method === 'PUT' || c.method === 'POST'),
    clear: () => {
      calls.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A connector for the env's tenant whose calls go through the recorder. */
export function recordedConnector(env: Env, recorder: Recorder, timeoutMs?: number): XeroConnector {
  const api = new XeroApi({
    tenantId: env.tenantId,
    tokens: env.tokenSource(),
    governor: new RateGovernor({
      limits: { perMinute: 100_000, perDay: 1_000_000, appPerMinute: 1_000_000 },
    }),
    apiUrl: `${recorder.url}/api.xro/2.0`,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  return new XeroConnector({ api, baseCurrency: env.company.baseCurrency });
}

// ---------- the spec ----------

type Json = Record<string, unknown>;

export const spec = loadXeroSpec();

interface SpecDoc {
  paths: Record<string, Record<string, { requestBody?: Json }>>;
  components: { schemas: Record<string, Json>; requestBodies?: Record<string, Json> };
}

let doc: SpecDoc | null | undefined;
function specDoc(): SpecDoc | null {
  if (doc !== undefined) return doc;
  const file = sharedFile('xero-openapi/xero_accounting.yaml');
  doc = file ? (load(readFileSync(file, 'utf8')) as SpecDoc) : null;
  return doc;
}

function requestSchema(d: SpecDoc, method: string, path: string): Json | undefined {
  const p = path.split('?')[0] ?? path;
  const template = Object.keys(d.paths)
    .filter((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`, 'i').test(p))
    .sort((a, b) => Number(!b.includes('{')) - Number(!a.includes('{')))
    .find((t) => d.paths[t]?.[method.toLowerCase()]);
  let body = template ? d.paths[template]?.[method.toLowerCase()]?.requestBody : undefined;
  if (typeof body?.$ref === 'string') body = d.components.requestBodies?.[body.$ref.split('/').pop() ?? ''];
  const content = body?.content as Record<string, { schema?: Json }> | undefined;
  return content?.['application/json']?.schema;
}

function resolve(d: SpecDoc, schema: Json | undefined): Json | undefined {
  let s = schema;
  while (s && typeof s.$ref === 'string') s = d.components.schemas[s.$ref.split('/').pop() ?? ''];
  return s;
}

/** Paths of properties in `body` that the spec's schema does not declare. */
function undeclared(d: SpecDoc, schema: Json | undefined, body: unknown, at: string): string[] {
  const s = resolve(d, schema);
  if (!s || body === null || typeof body !== 'object') return [];
  if (Array.isArray(body)) return body.flatMap((el, i) => undeclared(d, s.items as Json, el, `${at}[${i}]`));
  const props = (s.properties ?? {}) as Record<string, Json>;
  return Object.entries(body as Json).flatMap(([k, v]) =>
    k in props ? undeclared(d, props[k], v, `${at}/${k}`) : [`${at}/${k}`],
  );
}

/** Every problem of the recorded writes against the spec (empty when all conform). */
export function specProblems(writes: readonly Recorded[]): string[] {
  const d = specDoc();
  if (!spec || !d) return [];
  return writes.flatMap((w) => {
    const check = spec.validateRequest(w.method, w.path, w.body);
    const extra = undeclared(d, requestSchema(d, w.method, w.path), w.body, '');
    const key = w.headers['idempotency-key'] ? [] : ['no Idempotency-Key header'];
    const responseCheck =
      w.status === 200 ? spec.validateResponse(w.method, w.path, w.status, w.response).errors : [];
    return [...check.errors, ...extra.map((p) => `${p} is not in the spec`), ...key, ...responseCheck].map(
      (e) => `${w.method} ${w.path}: ${e}`,
    );
  });
}
