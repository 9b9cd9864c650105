// What the audit trail keeps of arguments: every secret field and any API key or bearer token
// redacted, everything else as sent, as plain JSON.
import { describe, expect, it } from 'vitest';
import { mintApiKey } from '../../../src/auth/api-keys.js';
import { Decimal } from '../../../src/domain/money.js';
import { isSecretField, redact, redactedMark } from '../../../src/audit/redact.js';

describe('redact', () => {
  it.each([
    'secret',
    'clientSecret',
    'client_secret',
    'password',
    'newPassword',
    'token',
    'accessToken',
    'refresh_token',
    'apiKey',
    'api-key',
    'key',
    'secretKey',
    'privateKey',
    'authorization',
    'Authorization',
    'iban',
    'IBAN',
    'bankAccount',
    'bankAccountNumber',
    'accountNumber',
    'sortCode',
  ])('%s is a secret field', (name) => expect(isSecretField(name)).toBe(true));

  it.each([
    'name',
    'idempotencyKey',
    'orderingKey',
    'accountCode',
    'account',
    'amount',
    'keywords',
    'monkey',
  ])('%s is not', (name) => expect(isSecretField(name)).toBe(false));

  it('redacts nested fields and keeps the rest', () => {
    const input = {
      input: {
        name: 'Acme Ltd',
        bankAccount: { iban: 'GB33BUKB20201555555555', name: 'Acme' },
        lines: [{ description: 'Widget', password: 'hunter2', amount: new Decimal('10.10') }],
        issued: new Date('2026-01-02T03:04:05.000Z'),
        idempotencyKey: 'order-42',
        skip: undefined,
      },
    };
    expect(redact(input)).toEqual({
      input: {
        name: 'Acme Ltd',
        bankAccount: redactedMark,
        lines: [{ description: 'Widget', password: redactedMark, amount: '10.1' }],
        issued: '2026-01-02T03:04:05.000Z',
        idempotencyKey: 'order-42',
      },
    });
  });

  it('redacts anything that looks like an API key or a bearer credential, whatever the field', () => {
    const { key } = mintApiKey();
    expect(redact({ note: key, memo: `use ${key} here`, header: 'Bearer eyJhbGciOiJSUzI1NiJ9.x.y' })).toEqual(
      {
        note: redactedMark,
        memo: redactedMark,
        header: redactedMark,
      },
    );
    expect(redact([key, 'lbk_short'])).toEqual([redactedMark, 'lbk_short']);
  });

  it('keeps null secrets as null (nothing to hide) and escapes NUL characters', () => {
    expect(redact({ password: null, name: 'a\u0000b' })).toEqual({ password: null, name: 'a\\u0000b' });
  });
});
