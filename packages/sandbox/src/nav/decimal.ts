// Money and quantities are decimal.js values in state, never JS floats. NAV rounds amounts to the
// currency's precision (2 dp) half away from zero, which is decimal.js ROUND_HALF_UP.
import { Decimal } from 'decimal.js';

export { Decimal };

export const ZERO = new Decimal(0);

export function dec(value: Decimal.Value): Decimal {
  return new Decimal(value);
}

export function round2(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
