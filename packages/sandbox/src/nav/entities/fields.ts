// Field builders and FlowFields shared by the entity definitions of both dialects: option fields
// (NAV options, BC enums), debit/credit splits, and the balances NAV computes rather than stores.
import type { NavContext } from '../context.js';
import { sum, ZERO, type Decimal } from '../decimal.js';
import { encodeOption, field, type FieldDef } from '../odata/edm.js';
import { str } from './wire.js';

/**
 * A field over an option: its members go on the wire XML-encoded ("_x0020_" for blank); `enumType`
 * names the enum type that publishes them (BC), if any.
 */
export function optionField<R>(
  name: string,
  options: readonly string[],
  get: (r: R, ctx: NavContext) => string,
  set?: (r: R, raw: string, ctx: NavContext) => void,
  enumType?: string,
): FieldDef<R> {
  return field<R>(
    name,
    'Edm.String',
    (r, ctx) => encodeOption(get(r, ctx)),
    set ? (r, v, ctx) => set(r, str(v), ctx) : undefined,
    {
      options,
      ...(enumType ? { enumType } : {}),
    },
  );
}

/** The debit side of a signed amount (positive amounts), zero otherwise. */
export const debitOf = (amount: Decimal): Decimal => (amount.isPositive() ? amount : ZERO);
/** The credit side of a signed amount (negative amounts, as positive), zero otherwise. */
export const creditOf = (amount: Decimal): Decimal => (amount.isNegative() ? amount.neg() : ZERO);

export function customerBalance(ctx: NavContext, no: string): Decimal {
  return ctx.state.ledgerAmountOf('customer', no);
}

/** What the customer owes that has fallen due by today. */
export function customerBalanceDue(ctx: NavContext, no: string): Decimal {
  const today = ctx.clock.today();
  return sum(
    ctx.state
      .ledgerEntriesOf('customer', no)
      .filter((e) => e.dueDate <= today)
      .map((e) => e.remaining),
  );
}

/** What we owe the vendor (its ledger holds it negated). */
export function vendorBalance(ctx: NavContext, no: string): Decimal {
  return ctx.state.ledgerAmountOf('vendor', no).neg();
}

/** Net change of a G/L account: the sum of its entries. */
export function netChange(ctx: NavContext, no: string): Decimal {
  return ctx.state.glAmountOf(no);
}
