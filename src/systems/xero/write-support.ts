// Small helpers shared by the Xero writers: chunking, `where` string literals, idempotency keys, and
// turning a draft that cannot be expressed in Xero into the per-record validation error.
import { createHash } from 'node:crypto';
import { ConnectorError } from '../errors.js';
import { MappingError } from './mapper-common.js';

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * The longest `where` value sent, URL-encoded. Servers and proxies in front of APIs commonly refuse
 * request lines over 2,048 characters; a `where` of 50 ORed PaymentID terms would be about 3,500.
 */
export const MAX_WHERE_CHARS = 1_600;

/**
 * Splits terms into groups of at most `maxTerms` whose ` OR `-joined `where` stays within
 * `maxChars` once URL-encoded (`reserved`: what the rest of the clause takes). A single term
 * longer than that still goes alone: it cannot be split.
 */
export function chunkClauses<T>(
  items: readonly T[],
  term: (item: T) => string,
  maxTerms: number,
  { reserved = 0, maxChars = MAX_WHERE_CHARS }: { reserved?: number; maxChars?: number } = {},
): T[][] {
  const separator = encodeURIComponent(' OR ').length;
  const out: T[][] = [];
  let part: T[] = [];
  let used = reserved;
  for (const item of items) {
    const size = encodeURIComponent(term(item)).length;
    if (part.length && (part.length >= maxTerms || used + separator + size > maxChars)) {
      out.push(part);
      part = [];
      used = reserved;
    }
    used += (part.length ? separator : 0) + size;
    part.push(item);
  }
  if (part.length) out.push(part);
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
