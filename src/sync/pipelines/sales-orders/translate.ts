// Where a sales order stands, from what its system reports: NAV's own status (Open, Released)
// until every line has shipped (SHIPPED) and been invoiced (INVOICED); per line what shipped, was
// invoiced and is outstanding. An order the system no longer holds was posted in full (NAV
// deletes an order once it is fully invoiced) or deleted there: INVOICED when invoices name it,
// CANCELLED when none do.
import { Decimal } from '../../../domain/money.js';
import type { DocumentDraft, LineDraft } from '../../../systems/system.js';
import type { OrderProgress, SalesOrderStatusValue } from '../../../store/sales-orders.js';

const ZERO = new Decimal(0);
/** Lines that post (an item or an account); text-only lines have nothing to ship. */
const posting = (l: { item?: unknown; accountCode: string | null }) => !!l.item || !!l.accountCode;

function statusOf(draft: DocumentDraft): SalesOrderStatusValue {
  const lines = draft.lines.filter(posting);
  const all = (done: (l: LineDraft) => Decimal | undefined) =>
    lines.length > 0 && lines.every((l) => (done(l) ?? ZERO).greaterThanOrEqualTo(l.quantity));
  if (all((l) => l.quantityInvoiced)) return 'INVOICED';
  if (all((l) => l.quantityShipped)) return 'SHIPPED';
  return draft.status === 'DRAFT' ? 'OPEN' : 'RELEASED';
}

/** The progress an order read from its system reports. */
export function progressOf(draft: DocumentDraft, now: Date): OrderProgress {
  const status = statusOf(draft);
  return {
    status,
    completedAt: status === 'INVOICED' ? now : null,
    lines: draft.lines.filter(posting).map((l) => {
      const shipped = l.quantityShipped ?? ZERO;
      return {
        lineNo: l.lineNo,
        shipped,
        invoiced: l.quantityInvoiced ?? ZERO,
        outstanding: l.outstandingQuantity ?? l.quantity.minus(shipped),
      };
    }),
  };
}

/** An order its system no longer holds: posted in full when invoices name it, else deleted there. */
export function closedProgress(
  lines: { lineNo: number; quantity: Decimal }[],
  invoiced: boolean,
  now: Date,
): OrderProgress {
  return {
    status: invoiced ? 'INVOICED' : 'CANCELLED',
    completedAt: now,
    lines: invoiced
      ? lines.map((l) => ({ lineNo: l.lineNo, shipped: l.quantity, invoiced: l.quantity, outstanding: ZERO }))
      : [],
  };
}

type StoredLine = {
  lineNo: number;
  quantityShipped: { toString(): string };
  quantityInvoiced: { toString(): string };
  outstandingQuantity: { toString(): string } | null;
};

/** Whether the progress read differs from what the mirror holds. */
export function progressChanged(
  current: { status: SalesOrderStatusValue; lines: StoredLine[] },
  next: OrderProgress,
): boolean {
  if (current.status !== next.status) return true;
  return next.lines.some((l) => {
    const stored = current.lines.find((s) => s.lineNo === l.lineNo);
    if (!stored) return false; // a line NAV has and we do not: nothing of ours to update
    return (
      !l.shipped.eq(stored.quantityShipped.toString()) ||
      !l.invoiced.eq(stored.quantityInvoiced.toString()) ||
      stored.outstandingQuantity === null ||
      !l.outstanding.eq(stored.outstandingQuantity.toString())
    );
  });
}
