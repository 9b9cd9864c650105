// /Invoices: sales invoices (ACCREC) and bills (ACCPAY) with Xero's status machine, totals and
// numbering. Payments and credit-note allocations update AmountPaid/AmountCredited/AmountDue.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import express, { type Router } from 'express';
import { invalid, runBatch, type BatchResource, type Input } from '../batch.js';
import { apiContext, sendEnvelope, type ApiContext } from '../context.js';
import { addDays, msToDay } from '../dates.js';
import { assertNotLocked, assertTransition, contentFieldsSent } from '../documents.js';
import { notFound } from '../errors.js';
import { arr, bool, day, isGuid, obj, oneOf, str } from '../input.js';
import { postDocument } from '../ledger.js';
import { rateFor } from '../rates.js';
import { buildLines, totalsOf } from '../lines.js';
import { list } from '../listing.js';
import { queryList, queryParam } from '../request.js';
import type { DocStatus, InvoiceRec, TenantState } from '../state.js';
import { invoiceWire } from '../wire.js';
import { documentContact } from './contacts.js';

const STATUSES = ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'] as const;
const TYPES = ['ACCREC', 'ACCPAY'] as const;
const LINE_TYPES = ['Exclusive', 'Inclusive', 'NoTax'] as const;

function findInvoice(t: TenantState, input: Input, mode: 'create' | 'upsert'): InvoiceRec | undefined {
  const id = str(input, 'InvoiceID');
  if (id !== undefined) {
    const inv = isGuid(id) ? t.invoices.get(id.toLowerCase()) : undefined;
    if (!inv) invalid(`Invoice with InvoiceID ${id} could not be found.`);
    if (mode === 'create') invalid(`An invoice with InvoiceID ${id} already exists. Use POST to update it.`);
    return inv;
  }
  const no = str(input, 'InvoiceNumber');
  if (mode === 'upsert' && no !== undefined) {
    return [...t.invoices.values()].find(
      (i) => i.InvoiceNumber === no && i.Type === 'ACCREC' && i.Status !== 'DELETED',
    );
  }
  return undefined;
}

function nextInvoiceNumber(t: TenantState): string {
  let n = t.counters.invoiceNumber;
  let candidate: string;
  do {
    n += 1;
    candidate = `INV-${String(n).padStart(4, '0')}`;
  } while ([...t.invoices.values()].some((i) => i.Type === 'ACCREC' && i.InvoiceNumber === candidate));
  t.counters.invoiceNumber = n;
  return candidate;
}

function assertUniqueNumber(t: TenantState, inv: InvoiceRec): void {
  if (inv.Type !== 'ACCREC') return;
  const clash = [...t.invoices.values()].some(
    (i) => i.Type === 'ACCREC' && i.InvoiceID !== inv.InvoiceID && i.InvoiceNumber === inv.InvoiceNumber,
  );
  if (clash) invalid('Invoice # must be unique.');
}

function applied(inv: InvoiceRec): boolean {
  return !inv.AmountPaid.isZero() || !inv.AmountCredited.isZero();
}

/** AmountDue and status after money moved: PAID once nothing is due, back to AUTHORISED otherwise. */
export function settle(inv: InvoiceRec, latestDate: string | undefined): InvoiceRec {
  if (inv.Status === 'VOIDED' || inv.Status === 'DELETED') return { ...inv, AmountDue: new Decimal(0) };
  const due = inv.Total.minus(inv.AmountPaid).minus(inv.AmountCredited);
  const next: InvoiceRec = { ...inv, AmountDue: due };
  if (inv.Status === 'AUTHORISED' || inv.Status === 'PAID') {
    if (due.isZero() && !inv.Total.isZero()) {
      next.Status = 'PAID';
      next.FullyPaidOnDate = latestDate ?? inv.FullyPaidOnDate ?? inv.Date;
    } else {
      next.Status = 'AUTHORISED';
      delete next.FullyPaidOnDate;
    }
  }
  return next;
}

/** `newId` lets the seed keep the demo company's stable ids. */
export function applyInvoice(
  input: Input,
  mode: 'create' | 'upsert',
  ctx: ApiContext,
  newId?: string,
): InvoiceRec {
  const t = ctx.tenant;
  const existing = findInvoice(t, input, mode);
  const type = oneOf(input, 'Type', TYPES);
  if (!existing && !type) invalid('Invoice Type must be specified (ACCREC or ACCPAY).');
  if (existing && type && type !== existing.Type)
    invalid('The Type of an existing invoice cannot be changed.');
  const docType = existing?.Type ?? type ?? 'ACCREC';
  const side = docType === 'ACCREC' ? 'SALES' : 'PURCHASES';
  const from: DocStatus = existing?.Status ?? 'DRAFT';
  const requested = oneOf(input, 'Status', STATUSES);
  const to: DocStatus = requested ?? from;

  if (!existing) {
    if (to !== 'DRAFT' && to !== 'SUBMITTED' && to !== 'AUTHORISED') {
      invalid('Invoice Status must be DRAFT, SUBMITTED or AUTHORISED when an invoice is created.');
    }
  } else {
    assertTransition(from, to, applied(existing), 'Invoice');
    const content = contentFieldsSent(input);
    if ((applied(existing) || from === 'PAID') && content.length > 0) {
      invalid('This document cannot be edited as it has a payment or credit note allocated to it.');
    }
    if ((from === 'AUTHORISED' || from === 'PAID') && (content.length > 0 || to !== from))
      assertNotLocked(t.org, existing.Date);
  }

  const contactInput = obj(input, 'Contact');
  const contact =
    contactInput || !existing ? documentContact(ctx, contactInput) : t.contacts.get(existing.ContactID);
  if (!contact) return invalid('A Contact must be specified for this type of transaction.');

  const types = oneOf(input, 'LineAmountTypes', LINE_TYPES) ?? existing?.LineAmountTypes ?? 'Exclusive';
  const date = day(input, 'Date') ?? existing?.Date ?? msToDay(ctx.now);
  const terms = docType === 'ACCREC' ? contact.PaymentTermsSalesDays : contact.PaymentTermsBillsDays;
  const termsType = docType === 'ACCREC' ? contact.PaymentTermsSalesType : contact.PaymentTermsBillsType;
  const dueDate =
    day(input, 'DueDate') ??
    existing?.DueDate ??
    (terms !== undefined ? dueFromTerms(date, terms, termsType ?? 'DAYSAFTERBILLDATE') : undefined);
  const currency = str(input, 'CurrencyCode') ?? existing?.CurrencyCode ?? t.org.BaseCurrency;
  if (!t.currencies.some((c) => c.Code === currency))
    invalid(`The currency code '${currency}' is not enabled for this organisation.`);

  const approved = to === 'SUBMITTED' || to === 'AUTHORISED' || to === 'PAID';
  const lineInput = arr(input, 'LineItems');
  const built = lineInput
    ? buildLines(t, lineInput, types, side, ctx.unitdp, approved, existing?.LineItems)
    : existing
      ? { lines: existing.LineItems, totals: totalsOf(existing.LineItems, types) }
      : { lines: [], totals: totalsOf([], types) };
  if (approved && built.lines.length === 0) invalid('An approved invoice must have at least one line item.');
  if (approved && !lineInput && existing && built.lines.some((l) => !l.AccountCode)) {
    invalid('Account code must be specified for every line item of an approved document.');
  }
  if (approved && !dueDate) invalid('Due Date must be specified for an approved invoice.');
  if (to === 'AUTHORISED' && (from !== 'AUTHORISED' || contentFieldsSent(input).length > 0))
    assertNotLocked(t.org, date);

  const next: InvoiceRec = {
    InvoiceID: existing?.InvoiceID ?? newId ?? randomUUID(),
    Type: docType,
    ContactID: contact.ContactID,
    InvoiceNumber:
      str(input, 'InvoiceNumber') ??
      existing?.InvoiceNumber ??
      (docType === 'ACCREC' ? nextInvoiceNumber(t) : ''),
    Date: date,
    LineAmountTypes: types,
    CurrencyCode: currency,
    CurrencyRate:
      existing && existing.CurrencyCode === currency
        ? existing.CurrencyRate
        : rateFor(t, currency, undefined),
    Status: to,
    SentToContact: bool(input, 'SentToContact') ?? existing?.SentToContact ?? false,
    LineItems: built.lines,
    ...built.totals,
    AmountPaid: existing?.AmountPaid ?? new Decimal(0),
    AmountCredited: existing?.AmountCredited ?? new Decimal(0),
    AmountDue: built.totals.Total,
    PaymentIDs: existing?.PaymentIDs ?? [],
    CreditAllocations: existing?.CreditAllocations ?? [],
    UpdatedDateUTC: ctx.now,
    createdMs: existing?.createdMs ?? ctx.now,
  };
  if (!built.totals.TotalDiscount) delete next.TotalDiscount;
  if (dueDate) next.DueDate = dueDate;
  const rate = str(input, 'CurrencyRate');
  if (rate !== undefined && /^\d+(\.\d+)?$/.test(rate))
    next.CurrencyRate = rateFor(t, currency, new Decimal(rate));
  for (const key of ['Reference', 'Url', 'BrandingThemeID'] as const) {
    const v = str(input, key) ?? existing?.[key];
    if (v !== undefined) next[key] = v;
  }
  for (const key of ['ExpectedPaymentDate', 'PlannedPaymentDate'] as const) {
    const v = day(input, key) ?? existing?.[key];
    if (v !== undefined) next[key] = v;
  }
  if (next.InvoiceNumber.length > 255) invalid('InvoiceNumber must be 255 characters or fewer.');
  assertUniqueNumber(t, next);

  // The ledger: reverse what was posted, then post the new state.
  const wasPosted = from === 'AUTHORISED' || from === 'PAID';
  const isPosted = to === 'AUTHORISED' || to === 'PAID';
  const changed = contentFieldsSent(input).length > 0;
  if (existing && wasPosted && (!isPosted || changed)) postDocument(t, existing, ctx.now, -1);
  if (isPosted && (!wasPosted || changed)) postDocument(t, next, ctx.now, 1);

  const settled = settle(next, undefined);
  t.invoices.set(settled.InvoiceID, settled);
  const flag = docType === 'ACCREC' ? 'IsCustomer' : 'IsSupplier';
  if (!contact[flag]) t.contacts.set(contact.ContactID, { ...contact, [flag]: true });
  t.emit('INVOICE', existing ? 'UPDATE' : 'CREATE', settled.InvoiceID, ctx.now);
  return settled;
}

const resource: BatchResource = {
  key: 'Invoices',
  apply: (input, mode, ctx) => invoiceWire(applyInvoice(input, mode, ctx), ctx.tenant, ctx.unitdp),
};

function lookup(t: TenantState, key: string): InvoiceRec | undefined {
  if (isGuid(key)) return t.invoices.get(key.toLowerCase());
  return [...t.invoices.values()].find((i) => i.InvoiceNumber === key);
}

export function invoicesRouter(): Router {
  const r = express.Router();
  r.get('/Invoices', (req, res) => {
    const ctx = apiContext(res);
    const t = ctx.tenant;
    // InvoiceIDs is accepted as an older spelling of IDs.
    const ids = (queryList(req, 'IDs') ?? queryList(req, 'InvoiceIDs'))?.map((s) => s.toLowerCase());
    const numbers = queryList(req, 'InvoiceNumbers');
    const contactIds = queryList(req, 'ContactIDs')?.map((s) => s.toLowerCase());
    const statuses = queryList(req, 'Statuses')?.map((s) => s.toUpperCase());
    const term = queryParam(req, 'searchTerm')?.toLowerCase();
    const records = [...t.invoices.values()].filter(
      (i) =>
        (!ids || ids.includes(i.InvoiceID)) &&
        (!numbers || numbers.includes(i.InvoiceNumber)) &&
        (!contactIds || contactIds.includes(i.ContactID)) &&
        (!statuses || statuses.includes(i.Status)) &&
        (!term ||
          i.InvoiceNumber.toLowerCase().includes(term) ||
          (i.Reference ?? '').toLowerCase().includes(term)),
    );
    const out = list(req, {
      records,
      toWire: (i, full) => invoiceWire(i, t, ctx.unitdp, full),
      updatedMs: (i) => i.UpdatedDateUTC,
      paged: true,
      fullWhenUnpaged: false,
      defaultOrder: () => 0,
    });
    sendEnvelope(res, 'Invoices', out.items, out.pagination);
  });
  r.get('/Invoices/:key', (req, res) => {
    const ctx = apiContext(res);
    const inv = lookup(ctx.tenant, req.params.key);
    if (!inv) throw notFound();
    sendEnvelope(res, 'Invoices', [invoiceWire(inv, ctx.tenant, ctx.unitdp)]);
  });
  r.put('/Invoices', (req, res) => runBatch(req, res, resource, 'create'));
  r.post('/Invoices', (req, res) => runBatch(req, res, resource, 'upsert'));
  r.post('/Invoices/:key', (req, res) => {
    const inv = lookup(apiContext(res).tenant, req.params.key);
    if (!inv) throw notFound();
    runBatch(req, res, resource, 'upsert', { InvoiceID: inv.InvoiceID });
  });
  return r;
}

/** The due date Xero derives from a contact's payment terms. */
function dueFromTerms(date: string, dayCount: number, type: string): string {
  if (type === 'DAYSAFTERBILLDATE') return addDays(date, dayCount);
  const [y, m] = date.split('-').map(Number) as [number, number];
  const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const on = (year: number, month: number, d: number) => {
    const dd = Math.min(d, monthEnd(year, month));
    return `${year}-${String(month).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  };
  const next = m === 12 ? [y + 1, 1] : [y, m + 1];
  if (type === 'OFCURRENTMONTH') return on(y, m, dayCount);
  if (type === 'OFFOLLOWINGMONTH') return on(next[0]!, next[1]!, dayCount);
  // DAYSAFTERBILLMONTH: days after the end of the invoice month.
  return addDays(on(y, m, 31), dayCount);
}
