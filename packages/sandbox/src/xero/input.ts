// Reading fields of a client's JSON element, collecting Xero-style messages for bad values.
import { Decimal } from 'decimal.js';
import { invalid, type Input } from './batch.js';
import { parseDayInput } from './dates.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(v: unknown): v is string {
  return typeof v === 'string' && GUID.test(v);
}

export function has(input: Input, key: string): boolean {
  return input[key] !== undefined && input[key] !== null;
}

export function str(input: Input, key: string): string | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return invalid(`${key} must be a string.`);
}

export function obj(input: Input, key: string): Input | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object' && !Array.isArray(v)) return v as Input;
  return invalid(`${key} must be an object.`);
}

export function arr(input: Input, key: string): Input[] | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) return invalid(`${key} must be an array.`);
  return v.map((e) => (e !== null && typeof e === 'object' ? (e as Input) : {}));
}

export function bool(input: Input, key: string): boolean | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return invalid(`${key} must be true or false.`);
}

/** A decimal from a JSON number or numeric string (never via float arithmetic). */
export function dec(input: Input, key: string): Decimal | undefined {
  const v = input[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()))) {
    // String(number) gives the shortest text that round-trips, so 0.1 stays "0.1".
    return new Decimal(typeof v === 'number' ? String(v) : v.trim());
  }
  return invalid(`${key} must be a number.`);
}

export function day(input: Input, key: string): string | undefined {
  const v = input[key];
  if (v === undefined || v === null || v === '') return undefined;
  const d = parseDayInput(v);
  return d ?? invalid(`${key} is not a valid date.`);
}

export function oneOf<T extends string>(input: Input, key: string, allowed: readonly T[]): T | undefined {
  const v = str(input, key);
  if (v === undefined) return undefined;
  const hit = allowed.find((a) => a.toUpperCase() === v.toUpperCase());
  return hit ?? invalid(`${key} '${v}' is not valid. Expected one of: ${allowed.join(', ')}.`);
}
