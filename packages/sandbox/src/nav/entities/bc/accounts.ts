// BC API v2.0 chart of accounts and G/L entries (read-only: entries come from posting).
import { ZERO } from '../../decimal.js';
import { defineEntity, field } from '../../odata/edm.js';
import type { GLAccount, GLEntry } from '../../state.js';
import { creditOf, debitOf, netChange } from '../fields.js';
import { accountCategory } from '../options.js';
import { EMPTY_GUID } from '../wire.js';
import { enumField, idField, modifiedField } from './common.js';

export const bcAccount = defineEntity<GLAccount>({
  typeName: 'account',
  setName: 'accounts',
  caption: 'G/L Account',
  keys: ['id'],
  fields: [
    idField<GLAccount>(),
    field('number', 'Edm.String', (r) => r.no),
    field('displayName', 'Edm.String', (r) => r.name),
    enumField<GLAccount>('category', 'glAccountCategory', accountCategory),
    field('subCategory', 'Edm.String', () => ''),
    field('blocked', 'Edm.Boolean', (r) => r.blocked),
    enumField<GLAccount>('accountType', 'glAccountType', () => 'Posting'),
    field('directPosting', 'Edm.Boolean', (r) => r.directPosting),
    field('netChange', 'Edm.Decimal', (r, ctx) => netChange(ctx, r.no)),
    field('consolidationTranslationMethod', 'Edm.String', () => 'Average Rate (Manual)'),
    field('consolidationDebitAccount', 'Edm.String', () => ''),
    field('consolidationCreditAccount', 'Edm.String', () => ''),
    field('excludeFromConsolidation', 'Edm.Boolean', () => false),
    modifiedField<GLAccount>(),
  ],
  list: (ctx) => ctx.state.accounts,
  identity: (r) => r,
});

export const bcGeneralLedgerEntry = defineEntity<GLEntry>({
  typeName: 'generalLedgerEntry',
  setName: 'generalLedgerEntries',
  caption: 'G/L Entry',
  keys: ['id'],
  fields: [
    idField<GLEntry>(),
    field('entryNumber', 'Edm.Int32', (r) => r.entryNo),
    field('postingDate', 'Edm.Date', (r) => r.postingDate),
    field('documentNumber', 'Edm.String', (r) => r.documentNo),
    enumField<GLEntry>('documentType', 'genJournalDocumentType', (r) => r.documentType),
    field('accountId', 'Edm.Guid', (r, ctx) => ctx.state.account(r.accountNo)?.id ?? EMPTY_GUID),
    field('accountNumber', 'Edm.String', (r) => r.accountNo),
    field('description', 'Edm.String', (r) => r.description),
    field('debitAmount', 'Edm.Decimal', (r) => debitOf(r.amount)),
    field('creditAmount', 'Edm.Decimal', (r) => creditOf(r.amount)),
    field('additionalCurrencyDebitAmount', 'Edm.Decimal', () => ZERO),
    field('additionalCurrencyCreditAmount', 'Edm.Decimal', () => ZERO),
    modifiedField<GLEntry>(),
  ],
  list: (ctx) => ctx.state.glEntries,
  identity: (r) => r,
});
