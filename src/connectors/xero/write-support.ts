// Small helpers shared by the Xero writers: chunking, `where` string literals, idempotency keys, and
// turning a draft that cannot be expressed in Xero into the per-record validation error.
import { createHash } from 'node:crypto';
import { ConnectorError } from '../errors.js';
import { MappingError } from './mapper.js';

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A string literal for a Xero `where` clause; refuses characters it cannot carry. */
export function whereString(value: string): string {
  if (/["\\]/.test(value)) throw new MappingError('number', `"${value}" cannot be used in a Xero filter`);
  return `"${value}"`;
}

/** An Idempotency-Key (≤ 128 characters) derived from stable parts. */
export function hashKey(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 43);
}

/** The validation error for one record whose draft cannot be sent. */
export function mappingFailure(error: MappingError): ConnectorError {
  return new ConnectorError('validation', error.message, {
    system: 'XERO',
    fieldErrors: [{ field: error.field, message: error.message }],
  });
}
