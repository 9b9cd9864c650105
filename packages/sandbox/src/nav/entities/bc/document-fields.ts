// Header fields the BC API v2.0 document pages share: totals, the customer block, shortcut
// dimensions, and the draft/posted distinction (one set holds both; posted ones are read-only).
import { documentTotals } from '../../amounts.js';
import type { NavContext } from '../../context.js';
import { ZERO } from '../../decimal.js';
import { errors } from '../../errors.js';
import { field, type FieldDef } from '../../odata/edm.js';
import { remainingOf } from '../../posting/invoices.js';
import type { DocHeader, PostedInvoice, SalesHeader } from '../../state.js';
import { lineDimension } from '../lines.js';
import { setSalesCustomer } from '../ops.js';
import { EMPTY_GUID, str } from '../wire.js';
import { addressFields } from './common.js';

/** A document header of either side, draft or posted. */
export type AnyDoc = DocHeader & { status?: string; documentType?: string };

export const isPosted = (h: DocHeader): h is PostedInvoice => 'ledgerEntryNo' in h;

export function postedGuard(h: DocHeader): void {
  if (isPosted(h)) throw errors.dialog(`You cannot modify the posted document ${h.no}.`);
}

/** A setter that refuses to change a posted document. */
export const draftOnly =
  <H, V>(set: (r: H, v: V, ctx: NavContext) => void) =>
  (r: H, v: V, ctx: NavContext) => {
    postedGuard(r as unknown as DocHeader);
    set(r, v, ctx);
  };

export function invoiceStatus(ctx: NavContext, r: DocHeader, kind: 'sales' | 'purchase'): string {
  if (!isPosted(r)) return 'Draft';
  if (r.cancelled) return 'Canceled';
  return remainingOf(ctx.state, r, kind).isZero() ? 'Paid' : 'Open';
}

export function totals<H extends DocHeader>(): FieldDef<H>[] {
  return [
    field<H>('discountAmount', 'Edm.Decimal', () => ZERO),
    field<H>('discountAppliedBeforeTax', 'Edm.Boolean', () => false),
    field<H>('totalAmountExcludingTax', 'Edm.Decimal', (r, ctx) => documentTotals(ctx.state, r).amount),
    field<H>('totalTaxAmount', 'Edm.Decimal', (r, ctx) => documentTotals(ctx.state, r).vatAmount),
    field<H>(
      'totalAmountIncludingTax',
      'Edm.Decimal',
      (r, ctx) => documentTotals(ctx.state, r).amountIncludingVat,
    ),
  ];
}

export function customerFields<H extends DocHeader>(writable: boolean): FieldDef<H>[] {
  const cust = (r: H, ctx: NavContext) => ctx.state.customer(r.partyNo);
  const setNo = writable
    ? (r: H, no: string, ctx: NavContext) => {
        postedGuard(r);
        setSalesCustomer(ctx, r as unknown as SalesHeader, no);
      }
    : undefined;
  const byId = (r: H, id: string, ctx: NavContext) => {
    const c = ctx.state.customers.find((x) => x.id === id);
    if (!c) throw errors.recordNotFound('Customer', `Id='${id}'`);
    setNo?.(r, c.no, ctx);
  };
  return [
    field<H>(
      'customerId',
      'Edm.Guid',
      (r, ctx) => cust(r, ctx)?.id ?? EMPTY_GUID,
      setNo ? (r, v, ctx) => byId(r, str(v), ctx) : undefined,
    ),
    field<H>(
      'customerNumber',
      'Edm.String',
      (r) => r.partyNo,
      setNo ? (r, v, ctx) => setNo(r, str(v), ctx) : undefined,
      { nullable: false },
    ),
    field<H>('customerName', 'Edm.String', (r, ctx) => cust(r, ctx)?.name ?? ''),
    field<H>('billToName', 'Edm.String', (r, ctx) => cust(r, ctx)?.name ?? ''),
    field<H>('billToCustomerId', 'Edm.Guid', (r, ctx) => cust(r, ctx)?.id ?? EMPTY_GUID),
    field<H>('billToCustomerNumber', 'Edm.String', (r) => r.partyNo, undefined, { nullable: false }),
    field<H>('shipToName', 'Edm.String', (r, ctx) => cust(r, ctx)?.name ?? ''),
    field<H>('shipToContact', 'Edm.String', () => ''),
    ...addressFields<H>('sellTo', cust),
    ...addressFields<H>('billTo', cust),
    ...addressFields<H>('shipTo', cust),
  ];
}

export function dims<H extends DocHeader>(): FieldDef<H>[] {
  // Header dimensions: the first line's global dimension values (the demo model keeps dimensions on lines).
  return [
    field<H>('shortcutDimension1Code', 'Edm.String', (r, ctx) =>
      r.lines[0] ? lineDimension(ctx, r.lines[0], 0) : '',
    ),
    field<H>('shortcutDimension2Code', 'Edm.String', (r, ctx) =>
      r.lines[0] ? lineDimension(ctx, r.lines[0], 1) : '',
    ),
  ];
}
