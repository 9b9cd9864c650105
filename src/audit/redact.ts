// What the audit trail keeps of a request's arguments: everything but secrets. A field whose name
// says it holds a secret (password, token, client secret, API key, authorization, bank account
// number, IBAN…) and any string that looks like a ledgerbridge API key become "[redacted]". The
// result is plain JSON (dates and decimals as strings, NUL characters escaped), so what is hashed
// is exactly what the database gives back.

export const redactedMark = '[redacted]';

/** Words that make a field secret wherever they appear in its name. */
const secretWords = new Set([
  'secret',
  'password',
  'passwd',
  'passphrase',
  'pin',
  'token',
  'authorization',
  'credential',
  'credentials',
  'cookie',
  'iban',
  'apikey',
]);
/** Fields ending in "key" that name no secret (they identify a record or a request). */
const publicKeys = new Set(['idempotencykey', 'orderingkey', 'externalkey', 'sortkey', 'primarykey']);
/** A ledgerbridge API key (see src/auth/api-keys.ts), anywhere in a string. */
const apiKeyPattern = /lbk_[A-Za-z0-9_-]{20,}/;
/** A bearer credential in a string ("Bearer eyJ…"). */
const bearerPattern = /\bbearer\s+\S{8,}/i;

/** camelCase, snake_case, kebab-case and dotted names to lower-case words. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** True when a field of this name holds a secret. */
export function isSecretField(name: string): boolean {
  const words = wordsOf(name);
  const joined = words.join('');
  if (words.some((w) => secretWords.has(w)) || secretWords.has(joined)) return true;
  if (joined.includes('apikey') || joined.includes('clientsecret') || joined.includes('privatekey'))
    return true;
  // key, apiKey, secretKey, accessKey… but not idempotencyKey
  if (words.at(-1) === 'key' && !publicKeys.has(joined)) return true;
  // bank account numbers: bankAccount, bankAccountNumber, accountNumber (of a bank), sortCode
  if (words.includes('bank') && (words.includes('account') || words.includes('number'))) return true;
  if (joined === 'accountnumber' || joined === 'bankaccount' || joined === 'sortcode') return true;
  return false;
}

/** True when a string value carries a credential whatever its field is called. */
export function looksSecret(value: string): boolean {
  return apiKeyPattern.test(value) || bearerPattern.test(value);
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A deep copy of `value` as plain JSON with every secret replaced by "[redacted]". */
export function redact(value: unknown): Json {
  return walk(toPlainJson(value));
}

function walk(value: Json): Json {
  if (typeof value === 'string') return looksSecret(value) ? redactedMark : value;
  if (Array.isArray(value)) return value.map(walk);
  if (value && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, child] of Object.entries(value))
      out[key] = isSecretField(key) && child !== null ? redactedMark : walk(child);
    return out;
  }
  return value;
}

/** JSON as the database keeps it: toJSON applied, undefined dropped, non-finite numbers null, NUL escaped. */
function toPlainJson(value: unknown): Json {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : typeof v === 'string' ? v.replace(/\0/g, '\\u0000') : v,
  );
  return text === undefined ? null : (JSON.parse(text) as Json);
}
