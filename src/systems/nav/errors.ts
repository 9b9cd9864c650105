// Classifies NAV/BC failures into the connector error kinds. NAV and BC answer
// {"error":{"code":"…","message":"… CorrelationId: …"}}; clients must rely on status and code.
import { ConnectorError, type ConnectorErrorKind } from '../errors.js';

export interface HttpFailure {
  method: string;
  status?: number | undefined;
  /** Parsed body of the error response, when there was one. */
  body?: unknown;
  /** Retry-After in seconds, or an HTTP date. */
  retryAfter?: string | undefined;
  /** Network error code (ECONNRESET, ECONNABORTED, ETIMEDOUT…) when no response arrived. */
  networkCode?: string | undefined;
  now?: number;
}

const VALIDATION_CODES = new Set([
  'Application_DialogException',
  'Application_FieldValidationException',
  'Application_EvaluateException',
  'Application_StringExceededLength',
  'Application_InvalidArgument',
  'BadRequest',
  'BadRequest_NotFound',
  'BadRequest_InvalidToken',
  'BadRequest_InvalidOperation',
  'BadRequest_MethodNotImplemented',
  'BadRequest_MethodNotAllowed',
  'Internal_RecordNotFound',
  'Internal_dataNotFoundFilter',
  'Internal_CompanyNotFound',
]);

const CONFLICT_CODES = new Set(['Request_EntityChanged', 'Internal_EntityWithSameKeyExists']);

export function upstreamError(body: unknown): { code?: string; message?: string } {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (!e || typeof e !== 'object') return {};
  const out: { code?: string; message?: string } = {};
  if (typeof e.code === 'string') out.code = e.code;
  if (typeof e.message === 'string') out.message = e.message.replace(/\s*CorrelationId:.*$/s, '').trim();
  return out;
}

export function retryAtFrom(retryAfter: string | undefined, now: number): Date {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return new Date(now + Math.max(0, seconds) * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return new Date(at);
  }
  return new Date(now + 1000);
}

const isWrite = (method: string) => method.toUpperCase() !== 'GET';

/** The one kind for a failed call. */
export function classify(f: HttpFailure): ConnectorError {
  const now = f.now ?? Date.now();
  const { code, message } = upstreamError(f.body);
  const write = isWrite(f.method);
  const base = { system: 'NAV' as const };
  if (f.status === undefined) {
    // No answer: a write may have committed before the connection dropped.
    const kind: ConnectorErrorKind = write ? 'unknown-outcome' : 'transient';
    return new ConnectorError(kind, `no response from NAV/BC (${f.networkCode ?? 'network error'})`, {
      ...base,
      ...(f.networkCode ? { code: f.networkCode } : {}),
    });
  }
  const status = f.status;
  const details = {
    ...base,
    status,
    ...(code ? { code } : {}),
    ...(f.body !== undefined ? { upstream: f.body } : {}),
  };
  const text = `${status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`;
  if (status === 401 || status === 403)
    return new ConnectorError('auth', `NAV/BC refused the credentials (${text})`, details);
  if (status === 429 || (status === 503 && f.retryAfter !== undefined)) {
    return new ConnectorError('rate-limited', `NAV/BC asked to slow down (${text})`, {
      ...details,
      retryAt: retryAtFrom(f.retryAfter, now),
      limit: status === 429 ? 'requests' : 'service',
    });
  }
  if (status === 408 || status === 504) {
    return new ConnectorError(write ? 'unknown-outcome' : 'transient', `NAV/BC timed out (${text})`, details);
  }
  if (status === 502 && write) return new ConnectorError('unknown-outcome', `bad gateway (${text})`, details);
  if (status >= 500 && code !== 'BadRequest_MethodNotImplemented') {
    return new ConnectorError('transient', `NAV/BC server error (${text})`, details);
  }
  if (status === 409 || status === 412 || (code && CONFLICT_CODES.has(code))) {
    return new ConnectorError('conflict', `NAV/BC reported a conflict (${text})`, details);
  }
  if (status >= 400 && status < 500) {
    return new ConnectorError('validation', `NAV/BC rejected the request (${text})`, {
      ...details,
      fieldErrors: [{ field: '', message: message ?? text }],
    });
  }
  if (code && VALIDATION_CODES.has(code)) {
    return new ConnectorError('validation', `NAV/BC rejected the request (${text})`, details);
  }
  return new ConnectorError('validation', `NAV/BC rejected the request (${text})`, details);
}

/** True when the error says the record changed since its etag (409 / 412 Request_EntityChanged). */
export function isEntityChanged(err: ConnectorError): boolean {
  return (
    err.kind === 'conflict' && (err.details.code === 'Request_EntityChanged' || err.details.status === 412)
  );
}
