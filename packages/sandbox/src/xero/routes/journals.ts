// /ManualJournals (write) and /Journals (the read-only general ledger, paged by `offset`).
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import express, { type Router } from 'express';
import { invalid, runBatch, type BatchResource, type Input } from '../batch.js';
import { apiContext, sendEnvelope, type ApiContext } from '../context.js';
import { msToDay } from '../dates.js';
import { assertNotLocked } from '../documents.js';
import { notFound } from '../errors.js';
import { arr, bool, dec, day, isGuid, oneOf, str } from '../input.js';
import { postManualJournal } from '../ledger.js';
import { resolveTracking, taxRateFor } from '../lines.js';
import { list } from '../listing.js';
import { ifModifiedSince, queryBool, queryInt } from '../request.js';
import type { ManualJournalLineRec, ManualJournalRec } from '../state.js';
import { lineTax } from '../totals.js';
import { journalWire, manualJournalWire } from '../wire.js';

const JOURNALS_PER_CALL = 100;

function applyManualJournal(input: Input, mode: 'create' | 'upsert', ctx: ApiContext): ManualJournalRec {
  const t = ctx.tenant;
  const id = str(input, 'ManualJournalID');
  const existing =
    id !== undefined ? (isGuid(id) ? t.manualJournals.get(id.toLowerCase()) : undefined) : undefined;
  if (id !== undefined && !existing) invalid(`Manual journal with ManualJournalID ${id} could not be found.`);
  if (existing && mode === 'create') invalid('Use POST to update an existing manual journal.');
  const from = existing?.Status ?? 'DRAFT';
  const to = oneOf(input, 'Status', ['DRAFT', 'POSTED', 'DELETED', 'VOIDED'] as const) ?? from;
  const allowed: Record<string, string[]> = {
    DRAFT: ['DRAFT', 'POSTED', 'DELETED'],
    POSTED: ['POSTED', 'VOIDED'],
    DELETED: [],
    VOIDED: [],
  };
  if (existing && !allowed[from]?.includes(to))
    invalid(`Manual journal not of valid status for modification: cannot change from ${from} to ${to}.`);
  if (!existing && to !== 'DRAFT' && to !== 'POSTED')
    invalid('A manual journal must be created as DRAFT or POSTED.');
  const narration = str(input, 'Narration') ?? existing?.Narration;
  if (!narration) return invalid('Narration must be specified.');
  const types =
    oneOf(input, 'LineAmountTypes', ['Exclusive', 'Inclusive', 'NoTax'] as const) ??
    existing?.LineAmountTypes ??
    'NoTax';
  const lineInput = arr(input, 'JournalLines');
  if (existing && from === 'POSTED' && lineInput)
    invalid('A posted manual journal cannot be edited; void it and create a new one.');
  const lines: ManualJournalLineRec[] = lineInput
    ? lineInput.map((l) => {
        const code = str(l, 'AccountCode');
        const account = code !== undefined ? t.accountByCode(code) : undefined;
        if (!account || account.Status !== 'ACTIVE')
          return invalid(`Account code '${code ?? ''}' is not a valid code for this document.`);
        const amount = dec(l, 'LineAmount');
        if (!amount) return invalid('LineAmount must be specified for every journal line.');
        const taxType = types === 'NoTax' ? 'NONE' : (str(l, 'TaxType') ?? account.TaxType);
        const rate =
          taxType === 'NONE'
            ? undefined
            : taxRateFor(t, taxType, amount.isNegative() ? 'SALES' : 'PURCHASES');
        const rec: ManualJournalLineRec = {
          LineAmount: amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
          AccountCode: account.Code,
          AccountID: account.AccountID,
          TaxType: taxType,
          TaxAmount: rate
            ? lineTax(amount.abs(), rate.Rate, types).times(amount.isNegative() ? -1 : 1)
            : new Decimal(0),
          Tracking: resolveTracking(t, arr(l, 'Tracking')),
        };
        const description = str(l, 'Description');
        if (description !== undefined) rec.Description = description;
        return rec;
      })
    : (existing?.JournalLines ?? []);
  if (lines.length < 2 && to === 'POSTED') invalid('A posted manual journal must have at least two lines.');
  const gross = (l: ManualJournalLineRec) =>
    types === 'Exclusive' ? l.LineAmount.plus(l.TaxAmount) : l.LineAmount;
  const sum = lines.reduce((s, l) => s.plus(gross(l)), new Decimal(0));
  if (!sum.isZero())
    invalid(
      `The total debits (${lines
        .filter((l) => gross(l).gt(0))
        .reduce((s, l) => s.plus(gross(l)), new Decimal(0))
        .toFixed(2)}) must equal total credits (${lines
        .filter((l) => gross(l).lt(0))
        .reduce((s, l) => s.plus(gross(l).abs()), new Decimal(0))
        .toFixed(2)}).`,
    );
  const date = day(input, 'Date') ?? existing?.Date ?? msToDay(ctx.now);
  if (to === 'POSTED' || from === 'POSTED') assertNotLocked(t.org, date);
  const next: ManualJournalRec = {
    ManualJournalID: existing?.ManualJournalID ?? randomUUID(),
    Narration: narration,
    Date: date,
    Status: to,
    LineAmountTypes: types,
    ShowOnCashBasisReports: bool(input, 'ShowOnCashBasisReports') ?? existing?.ShowOnCashBasisReports ?? true,
    JournalLines: lines,
    UpdatedDateUTC: ctx.now,
  };
  const url = str(input, 'Url') ?? existing?.Url;
  if (url !== undefined) next.Url = url;
  if (from !== 'POSTED' && to === 'POSTED') postManualJournal(t, next, ctx.now, 1);
  if (from === 'POSTED' && to === 'VOIDED' && existing) postManualJournal(t, existing, ctx.now, -1);
  t.manualJournals.set(next.ManualJournalID, next);
  return next;
}

const resource: BatchResource = {
  key: 'ManualJournals',
  apply: (input, mode, ctx) => manualJournalWire(applyManualJournal(input, mode, ctx)),
};

export function journalsRouter(): Router {
  const r = express.Router();
  r.get('/ManualJournals', (req, res) => {
    const t = apiContext(res).tenant;
    const out = list(req, {
      records: [...t.manualJournals.values()],
      toWire: (m) => manualJournalWire(m),
      updatedMs: (m) => m.UpdatedDateUTC,
      paged: true,
      defaultOrder: () => 0,
    });
    sendEnvelope(res, 'ManualJournals', out.items, out.pagination);
  });
  r.get('/ManualJournals/:id', (req, res) => {
    const t = apiContext(res).tenant;
    const m = isGuid(req.params.id) ? t.manualJournals.get(req.params.id.toLowerCase()) : undefined;
    if (!m) throw notFound();
    sendEnvelope(res, 'ManualJournals', [manualJournalWire(m)]);
  });
  r.put('/ManualJournals', (req, res) => runBatch(req, res, resource, 'create'));
  r.post('/ManualJournals', (req, res) => runBatch(req, res, resource, 'upsert'));
  r.post('/ManualJournals/:id', (req, res) => {
    const t = apiContext(res).tenant;
    if (!isGuid(req.params.id) || !t.manualJournals.has(req.params.id.toLowerCase())) throw notFound();
    runBatch(req, res, resource, 'upsert', { ManualJournalID: req.params.id.toLowerCase() });
  });

  // Journals are read in JournalNumber order, 100 at a time after `offset` (the last number seen).
  r.get('/Journals', (req, res) => {
    const t = apiContext(res).tenant;
    const offset = queryInt(req, 'offset') ?? 0;
    const since = ifModifiedSince(req);
    const paymentsOnly = queryBool(req, 'paymentsOnly') ?? false;
    const journals = [...t.journals.values()]
      .filter((j) => j.JournalNumber > offset && (since === undefined || j.CreatedDateUTC >= since))
      .filter((j) => !paymentsOnly || j.SourceType.endsWith('PAYMENT'))
      .sort((a, b) => a.JournalNumber - b.JournalNumber)
      .slice(0, JOURNALS_PER_CALL);
    sendEnvelope(res, 'Journals', journals.map(journalWire));
  });
  r.get('/Journals/:key', (req, res) => {
    const t = apiContext(res).tenant;
    const key = req.params.key;
    const j = [...t.journals.values()].find(
      (x) => x.JournalID === key.toLowerCase() || String(x.JournalNumber) === key,
    );
    if (!j) throw notFound();
    sendEnvelope(res, 'Journals', [journalWire(j)]);
  });
  return r;
}
