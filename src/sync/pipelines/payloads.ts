// Job payloads: the unified record as JSON (decimals as strings, dates as ISO) — what a dead
// letter shows and what an operator corrects before replaying.
import { Decimal } from '../../domain/money.js';
import type { DocumentFields } from '../../store/documents.js';
import type { PaymentFields } from '../../store/payments.js';

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

type PayloadObject = { [key: string]: JsonValue };
const asObject = (v: unknown, what: string): PayloadObject => {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as PayloadObject;
  throw new TypeError(`the payload has no ${what}`);
};
const asText = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
function requiredText(o: PayloadObject, field: string): string {
  const v = asText(o[field]);
  if (v === null) throw new TypeError(`the payload has no "${field}"`);
  return v;
}
const requiredDecimal = (o: PayloadObject, field: string): Decimal => {
  const v = decimalOf(o[field]);
  if (v === null) throw new TypeError(`the payload has no "${field}"`);
  return v;
};

/**
 * A document job's payload (the unified document, as serializeRecord wrote it, perhaps corrected
 * by an operator) back as a document; a TypeError naming the field when it cannot be.
 */
export function documentFromPayload(payload: unknown): DocumentFields | TypeError {
  try {
    const o = asObject(payload, 'document');
    const party = asObject(o.party, '"party"');
    const lines = Array.isArray(o.lines) ? o.lines : [];
    return {
      partyId: requiredText(o, 'partyId'),
      number: requiredText(o, 'number'),
      party: { number: asText(party.number) ?? undefined, externalId: asText(party.externalId) ?? undefined },
      status: requiredText(o, 'status') as DocumentFields['status'],
      issueDate: requiredText(o, 'issueDate'),
      dueDate: requiredText(o, 'dueDate'),
      currency: requiredText(o, 'currency'),
      currencyRate: decimalOf(o.currencyRate),
      lineAmountType: requiredText(o, 'lineAmountType') as DocumentFields['lineAmountType'],
      reference: asText(o.reference),
      externalDocumentNumber: asText(o.externalDocumentNumber),
      vendorInvoiceNumber: asText(o.vendorInvoiceNumber),
      subTotal: requiredDecimal(o, 'subTotal'),
      totalTax: requiredDecimal(o, 'totalTax'),
      total: requiredDecimal(o, 'total'),
      amountPaid: decimalOf(o.amountPaid) ?? new Decimal(0),
      amountDue: decimalOf(o.amountDue) ?? requiredDecimal(o, 'total'),
      lines: lines.map((raw, i) => {
        const l = asObject(raw, `lines.${i}`);
        const item = l.item && typeof l.item === 'object' ? asObject(l.item, `lines.${i}.item`) : null;
        return {
          lineNo: typeof l.lineNo === 'number' ? l.lineNo : i + 1,
          item: item
            ? { number: asText(item.number) ?? undefined, externalId: asText(item.externalId) ?? undefined }
            : null,
          description: asText(l.description),
          quantity: requiredDecimal(l, 'quantity'),
          unitPrice: requiredDecimal(l, 'unitPrice'),
          discountPercent: decimalOf(l.discountPercent) ?? new Decimal(0),
          accountCode: asText(l.accountCode),
          taxCode: asText(l.taxCode),
          taxAmount: decimalOf(l.taxAmount) ?? new Decimal(0),
          lineAmount: requiredDecimal(l, 'lineAmount'),
          dimensions: (l.dimensions && typeof l.dimensions === 'object' ? l.dimensions : {}) as Record<
            string,
            string
          >,
        };
      }),
    };
  } catch (error) {
    if (error instanceof TypeError) return error;
    throw error;
  }
}

/** A payment job's payload back as a payment; a TypeError naming the field when it cannot be. */
export function paymentFromPayload(payload: unknown): PaymentFields | TypeError {
  try {
    const o = asObject(payload, 'payment');
    const document = asObject(o.document, '"document"');
    const party = o.party && typeof o.party === 'object' ? asObject(o.party, '"party"') : null;
    const direction = requiredText(o, 'direction');
    if (direction !== 'RECEIVED' && direction !== 'MADE')
      throw new TypeError('"direction" is RECEIVED or MADE');
    return {
      direction,
      status: o.status === 'DELETED' ? 'DELETED' : 'AUTHORISED',
      paymentDate: requiredText(o, 'paymentDate'),
      amount: requiredDecimal(o, 'amount'),
      currency: requiredText(o, 'currency'),
      currencyRate: decimalOf(o.currencyRate),
      reference: asText(o.reference),
      accountCode: asText(o.accountCode),
      party: party ? { number: asText(party.number) ?? undefined } : null,
      document: { number: asText(document.number) ?? undefined },
      documentId: requiredText(o, 'documentId'),
      partyId: requiredText(o, 'partyId'),
    };
  } catch (error) {
    if (error instanceof TypeError) return error;
    throw error;
  }
}
