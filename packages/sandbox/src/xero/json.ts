// Xero serialises .NET decimals with their scale ("Total": 115.00, "CurrencyRate": 1.000000).
// JSON.stringify cannot keep trailing zeros, so money goes into wire objects as WireNumber and is
// spliced back in as raw number text when the body is written.
import { randomBytes } from 'node:crypto';
import { Decimal } from 'decimal.js';

export class WireNumber {
  constructor(readonly text: string) {}
  toNumber(): number {
    return Number(this.text);
  }
  toJSON(): string {
    return `${MARK}${this.text}${MARK}`;
  }
}

// A per-process marker no client string can contain by accident.
const MARK = `\u0001${randomBytes(6).toString('hex')}\u0001`;
const MARK_JSON = JSON.stringify(MARK).slice(1, -1).replace(/\\/g, '\\\\');
const SPLICE = new RegExp(`"${MARK_JSON}(-?[0-9.]+)${MARK_JSON}"`, 'g');

/** A decimal rounded to `dp` places, half away from zero, as Xero rounds. */
export function wireNumber(value: Decimal.Value, dp = 2): WireNumber {
  return new WireNumber(new Decimal(value).toFixed(dp, Decimal.ROUND_HALF_UP));
}

/** JSON text with WireNumbers written as plain numbers with their scale. */
export function stringify(body: unknown): string {
  return JSON.stringify(body).replace(SPLICE, '$1');
}
