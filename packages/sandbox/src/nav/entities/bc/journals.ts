// BC API v2.0 journals (+journalLines, bound action post) over the GENERAL template.
import { errors } from '../../errors.js';
import { defineEntity, field } from '../../odata/edm.js';
import type { JnlAccountType, JournalLine } from '../../state.js';
import { journalAccountType, setJournalAccount } from '../ops.js';
import { date, dateIn, num, str } from '../wire.js';
import { enumField, modifiedField } from './common.js';
import {
  accountIdOf,
  batchEntity,
  journalLineKeys,
  journalLineWrites,
  setByAccountId,
} from './journal-batches.js';

const accountType = (v: string): JnlAccountType => journalAccountType(v, 'Account type');

type J = JournalLine;
const journalLine = defineEntity<J>({
  typeName: 'journalLine',
  setName: 'journalLines',
  caption: 'Gen. Journal Line',
  keys: ['id'],
  fields: [
    ...journalLineKeys<J>(),
    enumField<J>(
      'accountType',
      'genJournalAccountType',
      (r) => r.accountType,
      (r, v) => (r.accountType = accountType(v)),
    ),
    field<J>(
      'accountId',
      'Edm.Guid',
      (r, ctx) => accountIdOf(ctx, r.accountType, r.accountNo),
      (r, v, ctx) => setByAccountId(ctx, r, str(v)),
    ),
    field<J>(
      'accountNumber',
      'Edm.String',
      (r) => r.accountNo,
      (r, v, ctx) => setJournalAccount(ctx, r, str(v)),
    ),
    field<J>(
      'postingDate',
      'Edm.Date',
      (r) => date(r.postingDate),
      (r, v) => (r.postingDate = dateIn(v)),
    ),
    field<J>(
      'documentNumber',
      'Edm.String',
      (r) => r.documentNo,
      (r, v) => (r.documentNo = str(v)),
      { maxLength: 20 },
    ),
    field<J>(
      'externalDocumentNumber',
      'Edm.String',
      (r) => r.externalDocumentNo,
      (r, v) => (r.externalDocumentNo = str(v)),
      { maxLength: 35 },
    ),
    field<J>(
      'amount',
      'Edm.Decimal',
      (r) => r.amount,
      (r, v) => (r.amount = num(v)),
    ),
    field<J>(
      'description',
      'Edm.String',
      (r) => r.description,
      (r, v) => (r.description = str(v)),
      { maxLength: 100 },
    ),
    field<J>(
      'comment',
      'Edm.String',
      (r) => r.comment,
      (r, v) => (r.comment = str(v)),
    ),
    field<J>('taxCode', 'Edm.String', () => ''),
    enumField<J>(
      'balanceAccountType',
      'genJournalAccountType',
      (r) => r.balAccountType,
      (r, v) => (r.balAccountType = accountType(v)),
    ),
    field<J>(
      'balancingAccountId',
      'Edm.Guid',
      (r, ctx) => accountIdOf(ctx, r.balAccountType, r.balAccountNo),
      (r, v, ctx) => {
        const acc = ctx.state.accounts.find((a) => a.id === str(v));
        if (!acc) throw errors.recordNotFound('G/L Account', `Id='${str(v)}'`);
        r.balAccountNo = acc.no;
      },
    ),
    field<J>(
      'balancingAccountNumber',
      'Edm.String',
      (r) => r.balAccountNo,
      (r, v) => (r.balAccountNo = str(v)),
    ),
    modifiedField<J>(),
  ],
  identity: (r) => r,
  ...journalLineWrites,
});

export const bcJournal = batchEntity('GENERAL', 'journal', 'journals', journalLine, 'journalLines', true);
