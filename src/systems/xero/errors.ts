// Classifies every failure of a Xero call into one ConnectorError kind. The SDK rejects with a JSON
// string ({ response: { statusCode, body, headers } }, statusCode 0 for network failures) or, for a
// non-2xx answer it did not throw on, an object with `response`. Messages are built from Xero's own
// text and scrubbed: nothing that looks like a token or an Authorization header survives.
import { ConnectorError, type FieldError } from '../errors.js';
import { rawXeroErrorBody } from './raw.js';

export interface XeroFailure {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /** Network error text when status is 0. */
  message: string;
}

/** Errors meaning the request never left this machine: safe to retry even for writes. */
const NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|getaddrinfo/i;
const TIMEOUT = /timeout|ETIMEDOUT|ECONNABORTED/i;

// The state of the record in Xero refuses the write (a person decides), as opposed to bad data.
// "Payments can only be made against Authorised documents": the invoice is draft, paid or voided.
const CONFLICT =
  /already assigned|already exists|already in use|must be unique|cannot be edited|not of valid status for modification|cannot be changed|cannot be voided|cannot be deleted|can only be made against authori[sz]ed documents|lock date|has already been used with a different request/i;

/** Removes anything shaped like a bearer token, JWT, or long opaque secret from text. */
export function scrub(text: string): string {
  return text
    .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]')
    .replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '[redacted]')
    .replace(/\b[a-f0-9]{48,}\b/gi, '[redacted]')
    .replace(/(refresh_token|access_token|client_secret)=[^&\s"]+/gi, '$1=[redacted]');
}

function lowerHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (h && typeof h === 'object')
    for (const [k, v] of Object.entries(h as Record<string, unknown>))
      if (v !== undefined && v !== null)
        out[k.toLowerCase()] = Array.isArray(v)
          ? v.join(', ')
          : typeof v === 'string'
            ? v
            : JSON.stringify(v);
  return out;
}

/** Normalises whatever the SDK (or axios) rejected with. */
export function toFailure(error: unknown): XeroFailure | undefined {
  let value: unknown = error;
  if (typeof error === 'string') {
    try {
      value = JSON.parse(error);
    } catch {
      return { status: 0, body: null, headers: {}, message: error };
    }
  }
  if (!value || typeof value !== 'object' || !('response' in value)) return undefined;
  const response = (value as { response?: Record<string, unknown> }).response ?? {};
  const status = Number(response.statusCode ?? response.status ?? 0);
  const body = response.body ?? response.data ?? (value as { body?: unknown }).body ?? null;
  return {
    status: Number.isFinite(status) ? status : 0,
    body,
    headers: lowerHeaders(response.headers),
    message: typeof body === 'string' ? body : '',
  };
}

function fieldErrorsOf(body: unknown): FieldError[] {
  const parsed = rawXeroErrorBody.safeParse(body);
  if (!parsed.success) return [];
  const out: FieldError[] = [];
  for (const el of parsed.data.Elements ?? [])
    for (const v of el.ValidationErrors ?? [])
      if (v.Message) out.push({ field: '', message: scrub(v.Message) });
  return out;
}

function describe(body: unknown): { text: string; code?: string } {
  const parsed = rawXeroErrorBody.safeParse(body);
  if (!parsed.success) return { text: typeof body === 'string' ? scrub(body).slice(0, 300) : '' };
  const b = parsed.data;
  const text = scrub(b.Detail ?? b.Message ?? b.Title ?? '');
  const code =
    b.Type ?? (b.ErrorNumber !== null && b.ErrorNumber !== undefined ? String(b.ErrorNumber) : b.Title);
  return code ? { text, code } : { text };
}

/** A sanitized copy of Xero's error body for dead letters (no headers, no request). */
function upstreamOf(body: unknown): unknown {
  if (body === null || body === undefined) return undefined;
  try {
    return JSON.parse(scrub(JSON.stringify(body))) as unknown;
  } catch {
    return undefined;
  }
}

export function retryAfterOf(headers: Record<string, string>, nowMs: number): Date {
  const raw = headers['retry-after'];
  const seconds = raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw) : undefined;
  if (seconds !== undefined) return new Date(nowMs + seconds * 1000);
  const date = raw ? Date.parse(raw) : NaN;
  return new Date(Number.isNaN(date) ? nowMs + 60_000 : date);
}

export interface ClassifyContext {
  /** Writes with an unclear result become unknown-outcome instead of transient. */
  write: boolean;
  /** What was being done, for the message ("GET /Contacts"). */
  operation: string;
  now?: number;
}

export function classifyFailure(f: XeroFailure, ctx: ClassifyContext): ConnectorError {
  const now = ctx.now ?? Date.now();
  const { text, code } = describe(f.body);
  const base = { system: 'XERO' as const, status: f.status, ...(code ? { code } : {}) };
  const upstream = upstreamOf(f.body);
  const withUpstream = upstream === undefined ? base : { ...base, upstream };
  const op = ctx.operation;
  if (f.status === 0) {
    const msg = scrub(f.message || 'network error');
    if (!ctx.write || NOT_SENT.test(msg))
      return new ConnectorError('transient', `${op}: ${TIMEOUT.test(msg) ? 'timed out' : msg}`, {
        system: 'XERO',
      });
    return new ConnectorError('unknown-outcome', `${op}: no answer (${msg}); the write may have happened`, {
      system: 'XERO',
    });
  }
  if (f.status === 401)
    return new ConnectorError(
      'auth',
      `${op}: Xero rejected the access token (${text || 'Unauthorized'})`,
      withUpstream,
    );
  if (f.status === 403)
    return new ConnectorError(
      'auth',
      `${op}: Xero refused access to this tenant (${text || 'Forbidden'}); the connection may be revoked or lack a scope: reconnect`,
      withUpstream,
    );
  if (f.status === 429) {
    const limit = f.headers['x-rate-limit-problem'] ?? 'minute';
    const retryAt = retryAfterOf(f.headers, now);
    return new ConnectorError(
      'rate-limited',
      `${op}: Xero ${limit} rate limit; retry after ${retryAt.toISOString()}`,
      {
        ...withUpstream,
        retryAt,
        limit,
      },
    );
  }
  if (f.status >= 500) {
    // 503 is answered before the organisation is touched; 500/502/504 may follow a commit.
    if (ctx.write && f.status !== 503)
      return new ConnectorError(
        'unknown-outcome',
        `${op}: Xero answered ${f.status}; the write may have happened`,
        withUpstream,
      );
    return new ConnectorError('transient', `${op}: Xero answered ${f.status} ${text}`.trim(), withUpstream);
  }
  const fieldErrors = fieldErrorsOf(f.body);
  const all = [text, ...fieldErrors.map((e) => e.message)].join(' ');
  const kind = CONFLICT.test(all) ? 'conflict' : 'validation';
  const message = fieldErrors.length
    ? fieldErrors.map((e) => e.message).join('; ')
    : text || `HTTP ${f.status}`;
  return new ConnectorError(kind, `${op}: ${message}`, {
    ...withUpstream,
    ...(fieldErrors.length ? { fieldErrors } : {}),
    ...(f.status === 404 ? { code: 'NotFound' } : {}),
  });
}

/** Any rejection → ConnectorError (ConnectorErrors pass through). */
export function classify(error: unknown, ctx: ClassifyContext): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const failure = toFailure(error);
  if (failure) return classifyFailure(failure, ctx);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && /ECONN|socket|network|timeout|aborted/i.test(message))
    return classifyFailure({ status: 0, body: null, headers: {}, message }, ctx);
  return new ConnectorError('transient', `${ctx.operation}: ${scrub(message)}`, { system: 'XERO' });
}

/** A per-element ERROR in a summarizeErrors=false batch → validation or conflict. */
export function elementError(messages: string[], operation: string): ConnectorError {
  const fieldErrors = messages.map((m) => ({ field: '', message: scrub(m) }));
  const all = messages.join(' ');
  return new ConnectorError(
    CONFLICT.test(all) ? 'conflict' : 'validation',
    `${operation}: ${fieldErrors.map((f) => f.message).join('; ') || 'rejected'}`,
    {
      system: 'XERO',
      status: 200,
      code: 'ValidationException',
      fieldErrors,
    },
  );
}
