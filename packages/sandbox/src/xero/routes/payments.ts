// /Payments: money received against sales invoices / paid against bills (and refunds of credit
// notes). A payment drives the document's AmountPaid, AmountDue and PAID status; deleting it
// (POST with Status DELETED) reverses all of that.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import express, { type Router } from 'express';
import { invalid, runBatch, type BatchResource, type Input } from '../batch.js';
import { apiContext, sendEnvelope, type ApiContext } from '../context.js';
import { msToDay } from '../dates.js';
import { assertNotLocked } from '../documents.js';
import { notFound } from '../errors.js';
import { dec, day, isGuid, obj, oneOf, str } from '../input.js';
import { postPayment } from '../ledger.js';
import { list } from '../listing.js';
import { rateFor } from '../rates.js';
import type { AccountRec, CreditNoteRec, InvoiceRec, PaymentRec, TenantState } from '../state.js';
import { paymentWire } from '../wire.js';
import { settle } from './invoices.js';
import { settleCredit } from './credit-notes.js';

function paymentAccount(t: TenantState, input: Input | undefined): AccountRec {
  if (!input) return invalid('An Account must be specified for a payment.');
  const id = str(input, 'AccountID');
  const code = str(input, 'Code');
  const acc =
    id !== undefined
      ? isGuid(id)
        ? t.accounts.get(id.toLowerCase())
        : undefined
      : code !== undefined
        ? t.accountByCode(code)
        : undefined;
  if (!acc) return invalid('Account could not be found.');
  if (acc.Status !== 'ACTIVE' || (acc.Type !== 'BANK' && !acc.EnablePaymentsToAccount)) {
    invalid(
      `Account type is invalid for making a payment to/from (account ${acc.Code} is not a bank account and does not accept payments).`,
    );
  }
  return acc;
}

function findInvoice(t: TenantState, input: Input): InvoiceRec | undefined {
  const id = str(input, 'InvoiceID');
  if (id !== undefined) return isGuid(id) ? t.invoices.get(id.toLowerCase()) : undefined;
  const no = str(input, 'InvoiceNumber');
  return no !== undefined
    ? [...t.invoices.values()].find((i) => i.InvoiceNumber === no && i.Status !== 'DELETED')
    : undefined;
}

function findCreditNote(t: TenantState, input: Input): CreditNoteRec | undefined {
  const id = str(input, 'CreditNoteID');
  if (id !== undefined) return isGuid(id) ? t.creditNotes.get(id.toLowerCase()) : undefined;
  const no = str(input, 'CreditNoteNumber');
  return no !== undefined ? [...t.creditNotes.values()].find((c) => c.CreditNoteNumber === no) : undefined;
}

function deletePayment(t: TenantState, p: PaymentRec, ctx: ApiContext): PaymentRec {
  if (p.Status === 'DELETED') invalid('This payment has already been deleted.');
  assertNotLocked(t.org, p.Date);
  const deleted: PaymentRec = { ...p, Status: 'DELETED', UpdatedDateUTC: ctx.now };
  t.payments.set(p.PaymentID, deleted);
  if (p.InvoiceID) {
    const inv = t.invoices.get(p.InvoiceID);
    if (inv) {
      const next = settle(
        { ...inv, AmountPaid: inv.AmountPaid.minus(p.Amount), UpdatedDateUTC: ctx.now },
        undefined,
      );
      t.invoices.set(next.InvoiceID, next);
      t.emit('INVOICE', 'UPDATE', next.InvoiceID, ctx.now);
    }
  }
  if (p.CreditNoteID) {
    const cn = t.creditNotes.get(p.CreditNoteID);
    if (cn) {
      t.creditNotes.set(
        cn.CreditNoteID,
        settleCredit({ ...cn, RemainingCredit: cn.RemainingCredit.plus(p.Amount), UpdatedDateUTC: ctx.now }),
      );
      t.emit('CREDITNOTE', 'UPDATE', cn.CreditNoteID, ctx.now);
    }
  }
  postPayment(t, p, ctx.now, -1, documentRate(t, p));
  return deleted;
}

/** The rate the paid document was posted at: its receivable or payable is cleared at that rate. */
function documentRate(t: TenantState, p: PaymentRec): Decimal | undefined {
  if (p.InvoiceID) return t.invoices.get(p.InvoiceID)?.CurrencyRate;
  if (p.CreditNoteID) return t.creditNotes.get(p.CreditNoteID)?.CurrencyRate;
  return undefined;
}

export function applyPayment(input: Input, ctx: ApiContext, newId?: string): PaymentRec {
  const t = ctx.tenant;
  const id = str(input, 'PaymentID');
  if (id !== undefined) {
    const existing = isGuid(id) ? t.payments.get(id.toLowerCase()) : undefined;
    if (!existing) return invalid(`Payment with PaymentID ${id} could not be found.`);
    if (oneOf(input, 'Status', ['AUTHORISED', 'DELETED'] as const) !== 'DELETED') {
      invalid(
        'A payment can only be deleted (Status DELETED); to change it, delete it and create a new one.',
      );
    }
    return deletePayment(t, existing, ctx);
  }
  const invInput = obj(input, 'Invoice');
  const cnInput = obj(input, 'CreditNote');
  const account = paymentAccount(t, obj(input, 'Account'));
  const amount = dec(input, 'Amount');
  if (!amount || amount.lte(0)) invalid('Payment amount must be greater than zero.');
  if (amount.decimalPlaces() > 2) invalid('Payment amount must have no more than 2 decimal places.');
  const date = day(input, 'Date') ?? msToDay(ctx.now);
  assertNotLocked(t.org, date);
  const reference = str(input, 'Reference');
  const rec: PaymentRec = {
    PaymentID: newId ?? randomUUID(),
    AccountID: account.AccountID,
    Date: date,
    Amount: amount,
    CurrencyRate: dec(input, 'CurrencyRate') ?? new Decimal(1),
    Status: 'AUTHORISED',
    PaymentType: 'ACCRECPAYMENT',
    IsReconciled: input.IsReconciled === true,
    UpdatedDateUTC: ctx.now,
  };
  if (reference !== undefined) rec.Reference = reference;

  if (invInput) {
    const inv = findInvoice(t, invInput);
    if (!inv) return invalid('Invoice could not be found.');
    // Xero's wording, for DRAFT, SUBMITTED, PAID and VOIDED documents alike.
    if (inv.Status !== 'AUTHORISED') invalid('Payments can only be made against Authorised documents');
    if (amount.gt(inv.AmountDue)) invalid('Payment amount exceeds the amount outstanding on this document.');
    rec.InvoiceID = inv.InvoiceID;
    // Foreign per 1 base: the rate sent, else the day rate; 1 for a base-currency invoice.
    rec.CurrencyRate = rateFor(t, inv.CurrencyCode, dec(input, 'CurrencyRate'));
    rec.PaymentType = inv.Type === 'ACCREC' ? 'ACCRECPAYMENT' : 'ACCPAYPAYMENT';
    const next = settle(
      {
        ...inv,
        AmountPaid: inv.AmountPaid.plus(amount),
        PaymentIDs: [...inv.PaymentIDs, rec.PaymentID],
        UpdatedDateUTC: ctx.now,
      },
      date,
    );
    t.invoices.set(next.InvoiceID, next);
    t.emit('INVOICE', 'UPDATE', next.InvoiceID, ctx.now);
  } else if (cnInput) {
    const cn = findCreditNote(t, cnInput);
    if (!cn) return invalid('Credit note could not be found.');
    if (cn.Status !== 'AUTHORISED') invalid('Payments can only be made against Authorised documents');
    if (amount.gt(cn.RemainingCredit))
      invalid('Payment amount exceeds the amount outstanding on this document.');
    rec.CreditNoteID = cn.CreditNoteID;
    rec.PaymentType = cn.Type === 'ACCRECCREDIT' ? 'ARCREDITPAYMENT' : 'APCREDITPAYMENT';
    t.creditNotes.set(
      cn.CreditNoteID,
      settleCredit({
        ...cn,
        RemainingCredit: cn.RemainingCredit.minus(amount),
        PaymentIDs: [...cn.PaymentIDs, rec.PaymentID],
        UpdatedDateUTC: ctx.now,
      }),
    );
    t.emit('CREDITNOTE', 'UPDATE', cn.CreditNoteID, ctx.now);
  } else {
    invalid('An Invoice or CreditNote must be specified for a payment.');
  }
  t.payments.set(rec.PaymentID, rec);
  postPayment(t, rec, ctx.now, 1, documentRate(t, rec));
  return rec;
}

const resource: BatchResource = {
  key: 'Payments',
  apply: (input, _mode, ctx) => paymentWire(applyPayment(input, ctx), ctx.tenant),
};

export function paymentsRouter(): Router {
  const r = express.Router();
  r.get('/Payments', (req, res) => {
    const t = apiContext(res).tenant;
    const out = list(req, {
      records: [...t.payments.values()],
      toWire: (p) => paymentWire(p, t),
      updatedMs: (p) => p.UpdatedDateUTC,
      paged: true,
      defaultOrder: () => 0,
    });
    sendEnvelope(res, 'Payments', out.items, out.pagination);
  });
  r.get('/Payments/:id', (req, res) => {
    const t = apiContext(res).tenant;
    const p = isGuid(req.params.id) ? t.payments.get(req.params.id.toLowerCase()) : undefined;
    if (!p) throw notFound();
    sendEnvelope(res, 'Payments', [paymentWire(p, t)]);
  });
  // Xero creates payments with PUT and with POST alike.
  r.put('/Payments', (req, res) => runBatch(req, res, resource, 'create'));
  r.post('/Payments', (req, res) => runBatch(req, res, resource, 'create'));
  r.post('/Payments/:id', (req, res) => {
    const t = apiContext(res).tenant;
    const p = isGuid(req.params.id) ? t.payments.get(req.params.id.toLowerCase()) : undefined;
    if (!p) throw notFound();
    runBatch(req, res, resource, 'upsert', { PaymentID: p.PaymentID });
  });
  return r;
}
