import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { classify, scrub } from '../../../../src/systems/xero/errors.js';
import { ifModifiedSinceHeader } from '../../../../src/systems/xero/client.js';

// ajv-formats is CommonJS: its default export is the function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

// The SDK rejects with JSON.stringify(ApiError.generateError()).
const sdk = (statusCode: number, body: unknown, headers: Record<string, string> = {}) =>
  JSON.stringify({ response: { statusCode, body, headers, request: {} }, body });

const read = { write: false, operation: 'GET /Invoices', now: 0 };
const write = { write: true, operation: 'POST /Invoices', now: 0 };

describe('Xero error classification', () => {
  it('classifies every kind', () => {
    expect(
      classify(sdk(401, { Title: 'Unauthorized', Detail: 'TokenExpired: token expired at x' }), read).kind,
    ).toBe('auth');
    expect(classify(sdk(403, { Title: 'Forbidden', Detail: 'AuthenticationUnsuccessful' }), read).kind).toBe(
      'auth',
    );
    const limited = classify(sdk(429, {}, { 'retry-after': '42', 'x-rate-limit-problem': 'day' }), read);
    expect(limited.kind).toBe('rate-limited');
    expect(limited.details).toMatchObject({ limit: 'day', retryAt: new Date(42_000) });
    expect(classify(sdk(503, {}), read).kind).toBe('transient');
    expect(classify(sdk(500, {}), read).kind).toBe('transient');
    expect(classify(sdk(500, {}), write).kind).toBe('unknown-outcome');
    expect(classify(sdk(503, {}), write).kind).toBe('transient');
    expect(classify(sdk(0, 'socket hang up'), write).kind).toBe('unknown-outcome');
    expect(classify(sdk(0, 'timeout of 300ms exceeded'), read).kind).toBe('transient');
    expect(classify(sdk(0, 'connect ECONNREFUSED 127.0.0.1:1'), write).kind).toBe('transient');
    const validation = classify(
      sdk(400, {
        ErrorNumber: 10,
        Type: 'ValidationException',
        Message: 'A validation exception occurred',
        Elements: [{ ValidationErrors: [{ Message: 'Account code 999 is not a valid code' }] }],
      }),
      write,
    );
    expect(validation.kind).toBe('validation');
    expect(validation.details.fieldErrors).toEqual([
      { field: '', message: 'Account code 999 is not a valid code' },
    ]);
    const conflict = classify(
      sdk(400, {
        ErrorNumber: 10,
        Type: 'ValidationException',
        Elements: [
          { ValidationErrors: [{ Message: 'The contact name X is already assigned to another contact.' }] },
        ],
      }),
      write,
    );
    expect(conflict.kind).toBe('conflict');
  });

  it('never carries a token in message or upstream body', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const e = classify(sdk(401, { Detail: `Bearer ${jwt} rejected`, token: jwt }), read);
    expect(JSON.stringify({ m: e.message, d: e.details })).not.toContain(jwt);
    expect(scrub('refresh_token=abc123&x=1')).toBe('refresh_token=[redacted]&x=1');
  });

  it("formats If-Modified-Since as the spec's date-time (UTC with its zone, to the second, rounded down)", () => {
    const header = ifModifiedSinceHeader(new Date('2026-11-02T10:20:30.999Z'));
    expect(header).toBe('2026-11-02T10:20:30Z');
    // Xero's spec declares the header `format: date-time` (RFC 3339: a zone is required).
    const ajv = new Ajv();
    addFormats(ajv);
    expect(ajv.validate({ type: 'string', format: 'date-time' }, header)).toBe(true);
    expect(ajv.validate({ type: 'string', format: 'date-time' }, '2026-11-02T10:20:30')).toBe(false);
  });
});
