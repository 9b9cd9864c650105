// /Accounts: the chart of accounts. Codes are unique; documents validate their AccountCode here.
import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import { invalid, runBatch, type BatchResource, type Input } from '../batch.js';
import { apiContext, sendEnvelope, type ApiContext } from '../context.js';
import { notFound } from '../errors.js';
import { bool, isGuid, oneOf, str } from '../input.js';
import { byField, list } from '../listing.js';
import type { AccountRec } from '../state.js';
import { accountWire } from '../wire.js';

const TYPES = [
  'BANK',
  'CURRENT',
  'CURRLIAB',
  'DEPRECIATN',
  'DIRECTCOSTS',
  'EQUITY',
  'EXPENSE',
  'FIXED',
  'INVENTORY',
  'LIABILITY',
  'NONCURRENT',
  'OTHERINCOME',
  'OVERHEADS',
  'PREPAYMENT',
  'REVENUE',
  'SALES',
  'TERMLIAB',
] as const;

export function classOf(type: string): AccountRec['Class'] {
  if (['BANK', 'CURRENT', 'FIXED', 'INVENTORY', 'NONCURRENT', 'PREPAYMENT'].includes(type)) return 'ASSET';
  if (['CURRLIAB', 'LIABILITY', 'TERMLIAB'].includes(type)) return 'LIABILITY';
  if (type === 'EQUITY') return 'EQUITY';
  if (['REVENUE', 'SALES', 'OTHERINCOME'].includes(type)) return 'REVENUE';
  return 'EXPENSE';
}

function applyAccount(input: Input, mode: 'create' | 'upsert', ctx: ApiContext): AccountRec {
  const t = ctx.tenant;
  const id = str(input, 'AccountID');
  const existing = id !== undefined ? (isGuid(id) ? t.accounts.get(id.toLowerCase()) : undefined) : undefined;
  if (id !== undefined && !existing) invalid(`Account with AccountID ${id} could not be found.`);
  if (existing && mode === 'create') invalid('Use POST to update an existing account.');
  const code = str(input, 'Code') ?? existing?.Code;
  const name = str(input, 'Name') ?? existing?.Name;
  const type = oneOf(input, 'Type', TYPES) ?? (existing?.Type as (typeof TYPES)[number] | undefined);
  if (!code && type !== 'BANK') invalid('Account code must be specified.');
  if (!name) invalid('Account name must be specified.');
  if (!type) invalid('Account type must be specified.');
  if (code && code.length > 10) invalid('Account code must be 10 characters or fewer.');
  const clash = [...t.accounts.values()].find(
    (a) =>
      a.AccountID !== existing?.AccountID &&
      ((code && a.Code === code) || a.Name.toLowerCase() === name?.toLowerCase()),
  );
  if (clash) invalid(clash.Code === code ? 'Please enter a unique Code.' : 'Please enter a unique Name.');
  const taxType = str(input, 'TaxType') ?? existing?.TaxType ?? 'NONE';
  if (taxType !== 'NONE' && !t.taxRates.has(taxType))
    invalid(`The TaxType code '${taxType}' does not exist.`);
  const next: AccountRec = {
    AccountID: existing?.AccountID ?? randomUUID(),
    Code: code ?? '',
    Name: name ?? '',
    Type: type ?? 'EXPENSE',
    Class: classOf(type ?? 'EXPENSE'),
    Status: oneOf(input, 'Status', ['ACTIVE', 'ARCHIVED'] as const) ?? existing?.Status ?? 'ACTIVE',
    TaxType: taxType,
    EnablePaymentsToAccount:
      bool(input, 'EnablePaymentsToAccount') ?? existing?.EnablePaymentsToAccount ?? false,
    ShowInExpenseClaims: bool(input, 'ShowInExpenseClaims') ?? existing?.ShowInExpenseClaims ?? false,
    UpdatedDateUTC: ctx.now,
  };
  for (const key of [
    'Description',
    'BankAccountNumber',
    'CurrencyCode',
    'SystemAccount',
    'ReportingCode',
  ] as const) {
    const v = key === 'SystemAccount' ? existing?.SystemAccount : (str(input, key) ?? existing?.[key]);
    if (v !== undefined) next[key] = v;
  }
  if (next.Type === 'BANK' && !next.BankAccountNumber)
    invalid('Bank account number must be specified for a BANK account.');
  t.accounts.set(next.AccountID, next);
  return next;
}

const resource: BatchResource = {
  key: 'Accounts',
  apply: (input, mode, ctx) => accountWire(applyAccount(input, mode, ctx)),
};

export function accountsRouter(): Router {
  const r = express.Router();
  r.get('/Accounts', (req, res) => {
    const t = apiContext(res).tenant;
    const out = list(req, {
      records: [...t.accounts.values()],
      toWire: accountWire,
      updatedMs: (a) => a.UpdatedDateUTC,
      paged: false,
      defaultOrder: byField('Code'),
    });
    sendEnvelope(res, 'Accounts', out.items);
  });
  r.get('/Accounts/:id', (req, res) => {
    const t = apiContext(res).tenant;
    const a = isGuid(req.params.id) ? t.accounts.get(req.params.id.toLowerCase()) : undefined;
    if (!a) throw notFound();
    sendEnvelope(res, 'Accounts', [accountWire(a)]);
  });
  r.put('/Accounts', (req, res) => runBatch(req, res, resource, 'create'));
  r.post('/Accounts/:id', (req, res) => {
    const t = apiContext(res).tenant;
    if (!isGuid(req.params.id) || !t.accounts.has(req.params.id.toLowerCase())) throw notFound();
    runBatch(req, res, resource, 'upsert', { AccountID: req.params.id.toLowerCase() });
  });
  return r;
}
