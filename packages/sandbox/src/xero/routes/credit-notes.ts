// /CreditNotes: ACCRECCREDIT / ACCPAYCREDIT with the same status machine and totals as invoices,
// and allocations that reduce an invoice's AmountDue.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import express, { type Router } from 'express';
import { invalid, runBatch, type BatchResource, type Input } from '../batch.js';
import { apiContext, sendEnvelope, type ApiContext } from '../context.js';
import { msDay, msToDay } from '../dates.js';
import { assertNotLocked, assertTransition, contentFieldsSent } from '../documents.js';
import { notFound } from '../errors.js';
import { wireNumber } from '../json.js';
import { arr, dec, day, isGuid, obj, oneOf, str } from '../input.js';
import { postDocument } from '../ledger.js';
import { buildLines, totalsOf } from '../lines.js';
import { list } from '../listing.js';
import { rateFor } from '../rates.js';
import { queryList } from '../request.js';
import type { CreditNoteRec, DocStatus, TenantState } from '../state.js';
import { creditNoteWire } from '../wire.js';
import { documentContact } from './contacts.js';
import { settle } from './invoices.js';

const STATUSES = ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'] as const;

export function settleCredit(cn: CreditNoteRec): CreditNoteRec {
  if (cn.Status !== 'AUTHORISED' && cn.Status !== 'PAID') return cn;
  const done = cn.RemainingCredit.isZero() && !cn.Total.isZero();
  return { ...cn, Status: done ? 'PAID' : 'AUTHORISED' };
}

function moneyApplied(cn: CreditNoteRec): boolean {
  return cn.Allocations.length > 0 || cn.PaymentIDs.some((id) => id);
}

function nextNumber(t: TenantState): string {
  let n = t.counters.creditNoteNumber;
  let candidate: string;
  do {
    n += 1;
    candidate = `CN-${String(n).padStart(4, '0')}`;
  } while ([...t.creditNotes.values()].some((c) => c.CreditNoteNumber === candidate));
  t.counters.creditNoteNumber = n;
  return candidate;
}

export function applyCreditNote(input: Input, mode: 'create' | 'upsert', ctx: ApiContext): CreditNoteRec {
  const t = ctx.tenant;
  const id = str(input, 'CreditNoteID');
  const existing =
    id !== undefined ? (isGuid(id) ? t.creditNotes.get(id.toLowerCase()) : undefined) : undefined;
  if (id !== undefined && !existing) invalid(`Credit note with CreditNoteID ${id} could not be found.`);
  if (existing && mode === 'create')
    invalid(`A credit note with CreditNoteID ${id ?? ''} already exists. Use POST to update it.`);
  const type = oneOf(input, 'Type', ['ACCRECCREDIT', 'ACCPAYCREDIT'] as const);
  if (!existing && !type) invalid('Credit note Type must be specified (ACCRECCREDIT or ACCPAYCREDIT).');
  const docType = existing?.Type ?? type ?? 'ACCRECCREDIT';
  const from: DocStatus = existing?.Status ?? 'DRAFT';
  const to: DocStatus = oneOf(input, 'Status', STATUSES) ?? from;
  if (!existing && to !== 'DRAFT' && to !== 'SUBMITTED' && to !== 'AUTHORISED') {
    invalid('Credit note Status must be DRAFT, SUBMITTED or AUTHORISED when it is created.');
  }
  if (existing) {
    assertTransition(from, to, moneyApplied(existing), 'Credit note');
    if ((moneyApplied(existing) || from === 'PAID') && contentFieldsSent(input).length > 0) {
      invalid('This document cannot be edited as it has a payment or allocation applied to it.');
    }
  }
  const contactInput = obj(input, 'Contact');
  const contact =
    contactInput || !existing ? documentContact(ctx, contactInput) : t.contacts.get(existing.ContactID);
  if (!contact) return invalid('A Contact must be specified for this type of transaction.');
  const types =
    oneOf(input, 'LineAmountTypes', ['Exclusive', 'Inclusive', 'NoTax'] as const) ??
    existing?.LineAmountTypes ??
    'Exclusive';
  const date = day(input, 'Date') ?? existing?.Date ?? msToDay(ctx.now);
  const currency = str(input, 'CurrencyCode') ?? existing?.CurrencyCode ?? t.org.BaseCurrency;
  if (!t.currencies.some((c) => c.Code === currency))
    invalid(`The currency code '${currency}' is not enabled for this organisation.`);
  const approved = to !== 'DRAFT' && to !== 'DELETED';
  const lineInput = arr(input, 'LineItems');
  const side = docType === 'ACCRECCREDIT' ? 'SALES' : 'PURCHASES';
  const built = lineInput
    ? buildLines(t, lineInput, types, side, ctx.unitdp, approved, existing?.LineItems)
    : { lines: existing?.LineItems ?? [], totals: totalsOf(existing?.LineItems ?? [], types) };
  if (approved && built.lines.length === 0)
    invalid('An approved credit note must have at least one line item.');
  if (to === 'AUTHORISED') assertNotLocked(t.org, date);

  const next: CreditNoteRec = {
    CreditNoteID: existing?.CreditNoteID ?? randomUUID(),
    Type: docType,
    CreditNoteNumber:
      str(input, 'CreditNoteNumber') ??
      existing?.CreditNoteNumber ??
      (docType === 'ACCRECCREDIT' ? nextNumber(t) : ''),
    ContactID: contact.ContactID,
    Date: date,
    LineAmountTypes: types,
    CurrencyCode: currency,
    CurrencyRate:
      existing && existing.CurrencyCode === currency
        ? existing.CurrencyRate
        : rateFor(t, currency, dec(input, 'CurrencyRate')),
    Status: to,
    SentToContact: existing?.SentToContact ?? false,
    LineItems: built.lines,
    ...built.totals,
    RemainingCredit: new Decimal(0),
    Allocations: existing?.Allocations ?? [],
    PaymentIDs: existing?.PaymentIDs ?? [],
    UpdatedDateUTC: ctx.now,
    createdMs: existing?.createdMs ?? ctx.now,
  };
  if (!built.totals.TotalDiscount) delete next.TotalDiscount;
  const reference = str(input, 'Reference') ?? existing?.Reference;
  if (reference !== undefined) next.Reference = reference;
  const due = day(input, 'DueDate') ?? existing?.DueDate;
  if (due) next.DueDate = due;
  const used = next.Allocations.reduce((s, a) => s.plus(a.Amount), new Decimal(0)).plus(
    next.PaymentIDs.map((pid) => t.payments.get(pid)).reduce(
      (s, p) => (p?.Status === 'AUTHORISED' ? s.plus(p.Amount) : s),
      new Decimal(0),
    ),
  );
  next.RemainingCredit =
    to === 'AUTHORISED' || to === 'PAID'
      ? next.Total.minus(used)
      : to === 'VOIDED' || to === 'DELETED'
        ? new Decimal(0)
        : next.Total;

  const wasPosted = from === 'AUTHORISED' || from === 'PAID';
  const isPosted = to === 'AUTHORISED' || to === 'PAID';
  const changed = contentFieldsSent(input).length > 0;
  if (existing && wasPosted && (!isPosted || changed)) postDocument(t, existing, ctx.now, -1);
  if (isPosted && (!wasPosted || changed)) postDocument(t, next, ctx.now, 1);

  const settled = settleCredit(next);
  t.creditNotes.set(settled.CreditNoteID, settled);
  t.emit('CREDITNOTE', existing ? 'UPDATE' : 'CREATE', settled.CreditNoteID, ctx.now);
  return settled;
}

/** Allocates part of an AUTHORISED credit note to an AUTHORISED invoice of the same contact. */
function allocate(cn: CreditNoteRec, input: Input, ctx: ApiContext): Record<string, unknown> {
  const t = ctx.tenant;
  const invInput = obj(input, 'Invoice');
  const invId = invInput ? str(invInput, 'InvoiceID') : undefined;
  const inv = invId && isGuid(invId) ? t.invoices.get(invId.toLowerCase()) : undefined;
  if (!inv) return invalid('Invoice could not be found.');
  const amount = dec(input, 'Amount');
  if (!amount || amount.lte(0)) invalid('Allocation amount must be greater than zero.');
  const current = t.creditNotes.get(cn.CreditNoteID) ?? cn;
  if (current.Status !== 'AUTHORISED') invalid('Credit note must be AUTHORISED to be allocated.');
  if (inv.Status !== 'AUTHORISED') invalid('The invoice must be AUTHORISED to receive an allocation.');
  if ((current.Type === 'ACCRECCREDIT') !== (inv.Type === 'ACCREC') || inv.ContactID !== current.ContactID) {
    invalid('The credit note and invoice must be of the same type and contact.');
  }
  if (amount.gt(current.RemainingCredit))
    invalid('The amount to allocate exceeds the remaining credit on the credit note.');
  if (amount.gt(inv.AmountDue)) invalid('The amount to allocate exceeds the amount due on the invoice.');
  const date = day(input, 'Date') ?? msToDay(ctx.now);
  const allocationId = randomUUID();
  t.creditNotes.set(
    current.CreditNoteID,
    settleCredit({
      ...current,
      RemainingCredit: current.RemainingCredit.minus(amount),
      Allocations: [
        ...current.Allocations,
        { AllocationID: allocationId, InvoiceID: inv.InvoiceID, Amount: amount, Date: date },
      ],
      UpdatedDateUTC: ctx.now,
    }),
  );
  const nextInv = settle(
    {
      ...inv,
      AmountCredited: inv.AmountCredited.plus(amount),
      CreditAllocations: [
        ...inv.CreditAllocations,
        { CreditNoteID: current.CreditNoteID, AllocationID: allocationId, Amount: amount, Date: date },
      ],
      UpdatedDateUTC: ctx.now,
    },
    date,
  );
  t.invoices.set(nextInv.InvoiceID, nextInv);
  t.emit('CREDITNOTE', 'UPDATE', current.CreditNoteID, ctx.now);
  t.emit('INVOICE', 'UPDATE', inv.InvoiceID, ctx.now);
  return {
    AllocationID: allocationId,
    Amount: wireNumber(amount),
    Date: msDay(date),
    Invoice: { InvoiceID: inv.InvoiceID, InvoiceNumber: inv.InvoiceNumber },
    CreditNote: { CreditNoteID: current.CreditNoteID, CreditNoteNumber: current.CreditNoteNumber },
    IsDeleted: false,
  };
}

const resource: BatchResource = {
  key: 'CreditNotes',
  apply: (input, mode, ctx) => creditNoteWire(applyCreditNote(input, mode, ctx), ctx.tenant, ctx.unitdp),
};

function lookup(t: TenantState, key: string): CreditNoteRec | undefined {
  if (isGuid(key)) return t.creditNotes.get(key.toLowerCase());
  return [...t.creditNotes.values()].find((c) => c.CreditNoteNumber === key);
}

export function creditNotesRouter(): Router {
  const r = express.Router();
  r.get('/CreditNotes', (req, res) => {
    const ctx = apiContext(res);
    const t = ctx.tenant;
    const ids = queryList(req, 'IDs')?.map((s) => s.toLowerCase());
    const out = list(req, {
      records: [...t.creditNotes.values()].filter((c) => !ids || ids.includes(c.CreditNoteID)),
      toWire: (c, full) => creditNoteWire(c, t, ctx.unitdp, full),
      updatedMs: (c) => c.UpdatedDateUTC,
      paged: true,
      fullWhenUnpaged: false,
      defaultOrder: () => 0,
    });
    sendEnvelope(res, 'CreditNotes', out.items, out.pagination);
  });
  r.get('/CreditNotes/:key', (req, res) => {
    const ctx = apiContext(res);
    const cn = lookup(ctx.tenant, req.params.key);
    if (!cn) throw notFound();
    sendEnvelope(res, 'CreditNotes', [creditNoteWire(cn, ctx.tenant, ctx.unitdp)]);
  });
  r.put('/CreditNotes', (req, res) => runBatch(req, res, resource, 'create'));
  r.post('/CreditNotes', (req, res) => runBatch(req, res, resource, 'upsert'));
  r.post('/CreditNotes/:key', (req, res) => {
    const cn = lookup(apiContext(res).tenant, req.params.key);
    if (!cn) throw notFound();
    runBatch(req, res, resource, 'upsert', { CreditNoteID: cn.CreditNoteID });
  });
  r.put('/CreditNotes/:key/Allocations', (req, res) => {
    const cn = lookup(apiContext(res).tenant, req.params.key);
    if (!cn) throw notFound();
    runBatch(req, res, { key: 'Allocations', apply: (input, _m, ctx) => allocate(cn, input, ctx) }, 'create');
  });
  return r;
}
