// Job payloads: the unified record as JSON (decimals as strings, dates as ISO) — what a dead
// letter shows and what an operator corrects before replaying.
import { Decimal } from '../domain/money.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function serializeRecord(record: object): { [key: string]: JsonValue } {
  return JSON.parse(
    JSON.stringify(record, (_key, value: unknown) => (value instanceof Decimal ? value.toFixed() : value)),
  ) as { [key: string]: JsonValue };
}

/** Reads a decimal field back from a payload. */
export function decimalOf(value: unknown): Decimal | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new Error(`not a decimal: ${JSON.stringify(value)}`);
  }
  return new Decimal(value);
}
