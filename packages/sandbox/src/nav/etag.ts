// Weak ETags shaped like Business Central's: W/"<base64 of '<len>;<number>;00;'>" where the number
// changes on every modification of the record. We derive it from the record id and its revision so
// it is deterministic and looks like the real 19-20 digit values.
import { NavError } from './errors.js';

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const ch of Buffer.from(text, 'utf8')) {
    hash ^= BigInt(ch);
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash;
}

export function makeEtag(id: string, rev: number): string {
  // Real values are up to 20 digits; keep them at least 18 digits like the captured samples.
  const n = (fnv1a64(`${id}:${rev}`) % 90000000000000000000n) + 100000000000000000n;
  const digits = n.toString();
  const inner = `'${digits.length};${digits};00;'`;
  return `W/"${Buffer.from(inner, 'utf8').toString('base64')}"`;
}

function normalise(tag: string): string {
  const t = tag.trim();
  return t.startsWith('W/') ? t.slice(2) : t;
}

/**
 * Checks an If-Match header against the current ETag. `required` reflects the operation: BC demands
 * a token on PATCH (400 BadRequest_InvalidToken when absent), a stale one is 409 Request_EntityChanged.
 */
export function checkIfMatch(header: string | undefined, current: string, required: boolean): void {
  if (header === undefined || header.trim() === '') {
    if (!required) return;
    throw new NavError(
      400,
      'BadRequest_InvalidToken',
      'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.',
    );
  }
  const tags = header.split(',').map((t) => t.trim());
  if (tags.includes('*')) return;
  if (tags.some((t) => normalise(t) === normalise(current))) return;
  if (tags.some((t) => !/^(W\/)?".*"$/.test(t))) {
    throw new NavError(
      400,
      'BadRequest_InvalidToken',
      'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.',
    );
  }
  throw new NavError(409, 'Request_EntityChanged', 'Another user has already changed the record.');
}
