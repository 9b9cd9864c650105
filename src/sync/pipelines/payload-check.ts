// An operator's corrected dead-letter payload, checked against what its job pushes before the job
// is queued again: the fields the pusher reads must be there, typed as the domain says (dates,
// currencies, statuses), money at the precision the books keep (2 dp; prices and quantities 4),
// and a document's totals must add up. A payload that would only die again, or worse be written
// to one book and refused by the other, is refused with the field that is wrong.
import { z } from 'zod';
import { customerFieldsSchema, partyFieldsSchema } from '../../domain/party.js';
import { itemFieldsSchema } from '../../domain/item.js';
import { documentStatuses } from '../../domain/document.js';
import { isAccountingDate } from '../../domain/dates.js';
import { currencySchema, type Decimal } from '../../domain/money.js';
import type { Job } from '../../store/outbox.js';
import { documentFromPayload, paymentFromPayload } from './payloads.js';
import { dimensionFromPayload } from './dimensions/drafts.js';

export interface PayloadProblem {
  /** Path inside the payload, e.g. ["lines", "0", "unitPrice"]. */
  field: string[];
  message: string;
}

const problem = (field: (string | number)[], message: string): PayloadProblem => ({
  field: field.map(String),
  message,
});

/** Field path of a decoder's TypeError ('the payload has no "lines.0.quantity"'). */
function fromTypeError(error: TypeError): PayloadProblem {
  const named = /"([^"]+)"/.exec(error.message)?.[1];
  return problem(named ? named.split('.') : [], error.message);
}

function zodProblems(result: z.ZodSafeParseResult<unknown>): PayloadProblem[] {
  return result.success ? [] : result.error.issues.map((i) => problem(i.path.map(String), i.message));
}

const places = (value: Decimal, max: number, at: (string | number)[], what: string): PayloadProblem[] =>
  value.decimalPlaces() > max
    ? [problem(at, `${what} keeps at most ${max} decimals (${value.toFixed()})`)]
    : [];

function documentProblems(payload: unknown): PayloadProblem[] {
  const doc = documentFromPayload(payload);
  if (doc instanceof TypeError) return [fromTypeError(doc)];
  const out: PayloadProblem[] = [];
  if (!(documentStatuses as readonly string[]).includes(doc.status))
    out.push(problem(['status'], `status is one of ${documentStatuses.join(', ')}`));
  for (const f of ['issueDate', 'dueDate'] as const)
    if (!isAccountingDate(doc[f])) out.push(problem([f], `${f} is a date (YYYY-MM-DD)`));
  if (!currencySchema.safeParse(doc.currency).success)
    out.push(problem(['currency'], 'currency is an ISO code'));
  if (doc.lines.length === 0) out.push(problem(['lines'], 'a document has at least one line'));
  doc.lines.forEach((l, i) => {
    out.push(...places(l.quantity, 4, ['lines', i, 'quantity'], 'a quantity'));
    out.push(...places(l.unitPrice, 4, ['lines', i, 'unitPrice'], 'a unit price'));
    out.push(...places(l.lineAmount, 2, ['lines', i, 'lineAmount'], 'money'));
    out.push(...places(l.taxAmount, 2, ['lines', i, 'taxAmount'], 'money'));
  });
  for (const f of ['subTotal', 'totalTax', 'total'] as const) out.push(...places(doc[f], 2, [f], 'money'));
  if (!doc.subTotal.plus(doc.totalTax).eq(doc.total))
    out.push(
      problem(
        ['total'],
        `total ${doc.total.toFixed(2)} is not subTotal + totalTax (${doc.subTotal.plus(doc.totalTax).toFixed(2)})`,
      ),
    );
  const lineTax = doc.lines.reduce((s, l) => s.plus(l.taxAmount), doc.totalTax.minus(doc.totalTax));
  if (doc.lines.length && !lineTax.eq(doc.totalTax))
    out.push(
      problem(
        ['totalTax'],
        `totalTax ${doc.totalTax.toFixed(2)} is not the lines' tax (${lineTax.toFixed(2)})`,
      ),
    );
  return out;
}

function paymentProblems(payload: unknown): PayloadProblem[] {
  const p = paymentFromPayload(payload);
  if (p instanceof TypeError) return [fromTypeError(p)];
  const out: PayloadProblem[] = [];
  if (!p.amount.isPositive() || p.amount.isZero())
    out.push(problem(['amount'], 'a payment is a positive amount'));
  out.push(...places(p.amount, 2, ['amount'], 'money'));
  if (!isAccountingDate(p.paymentDate))
    out.push(problem(['paymentDate'], 'paymentDate is a date (YYYY-MM-DD)'));
  if (!currencySchema.safeParse(p.currency).success)
    out.push(problem(['currency'], 'currency is an ISO code'));
  return out;
}

function decoded(decode: () => unknown): PayloadProblem[] {
  try {
    decode();
    return [];
  } catch (error) {
    if (error instanceof TypeError) return [fromTypeError(error)];
    throw error;
  }
}

/** What is wrong with a payload for this job's entity; empty when the job can push it. */
export function payloadProblems(entityType: Job['entityType'], payload: unknown): PayloadProblem[] {
  switch (entityType) {
    case 'CUSTOMER':
      return zodProblems(
        customerFieldsSchema.partial().required({ name: true, currency: true }).safeParse(payload),
      );
    case 'VENDOR':
      return zodProblems(
        partyFieldsSchema.partial().required({ name: true, currency: true }).safeParse(payload),
      );
    case 'ITEM':
      return zodProblems(
        itemFieldsSchema.partial().required({ number: true, name: true }).safeParse(payload),
      );
    case 'INVOICE':
    case 'BILL':
    case 'SALES_ORDER':
      return documentProblems(payload);
    case 'PAYMENT':
      return paymentProblems(payload);
    case 'DIMENSION':
      return decoded(() => dimensionFromPayload(payload));
    default:
      return [];
  }
}
