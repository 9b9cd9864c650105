// What BC API v2.0's journal pages share: the batch entity (journals, customerPaymentJournals,
// vendorPaymentJournals) over one template with its lines contained, the fields opening every
// journal line, and account look-ups by id.
import type { NavContext } from '../../context.js';
import { errors } from '../../errors.js';
import { defineEntity, field, type AnyEntityDef, type FieldDef } from '../../odata/edm.js';
import { postJournalBatch } from '../../posting/journals.js';
import type { JnlAccountType, JournalBatch, JournalLine, JournalTemplate } from '../../state.js';
import {
  deleteJournalLine,
  insertJournalLine,
  journalLinesOf,
  newJournalLine,
  setJournalAccount,
  touch,
} from '../ops.js';
import { EMPTY_GUID, int, str } from '../wire.js';
import { idField, modifiedField } from './common.js';

const batchOf = (ctx: NavContext, l: JournalLine) => ctx.state.batch(l.template, l.batch);

export function accountIdOf(ctx: NavContext, type: JnlAccountType, no: string): string {
  const s = ctx.state;
  if (!no) return EMPTY_GUID;
  if (type === 'Customer') return s.customer(no)?.id ?? EMPTY_GUID;
  if (type === 'Vendor') return s.vendor(no)?.id ?? EMPTY_GUID;
  return s.account(no)?.id ?? EMPTY_GUID;
}

export function setByAccountId(ctx: NavContext, l: JournalLine, id: string): void {
  const s = ctx.state;
  const no =
    l.accountType === 'Customer'
      ? s.customers.find((c) => c.id === id)?.no
      : l.accountType === 'Vendor'
        ? s.vendors.find((v) => v.id === id)?.no
        : s.accounts.find((a) => a.id === id)?.no;
  if (!no) throw errors.recordNotFound(l.accountType, `Id='${id}'`);
  setJournalAccount(ctx, l, no);
}

/** The fields every journal line page opens with: its id, its journal, its line number. */
export function journalLineKeys<J extends JournalLine>(): FieldDef<J>[] {
  return [
    idField<J>(),
    field<J>('journalId', 'Edm.Guid', (r, ctx) => batchOf(ctx, r)?.id ?? EMPTY_GUID),
    field<J>('journalDisplayName', 'Edm.String', (r) => r.batch),
    field<J>(
      'lineNumber',
      'Edm.Int32',
      (r) => r.lineNo,
      (r, v) => (r.lineNo = int(v)),
    ),
  ];
}

/** Inserting, changing and deleting a journal line, whatever the page. */
export const journalLineWrites = {
  insert: (r: JournalLine, ctx: NavContext) => insertJournalLine(ctx, r),
  modified: touch,
  remove: (r: JournalLine, ctx: NavContext) => deleteJournalLine(ctx, r),
};

type B = JournalBatch;
export function batchEntity(
  template: JournalTemplate,
  typeName: string,
  setName: string,
  lines: AnyEntityDef,
  navName: string,
  withPost: boolean,
): AnyEntityDef {
  return defineEntity<B>({
    typeName,
    setName,
    caption: 'Gen. Journal Batch',
    keys: ['id'],
    fields: [
      idField<B>(),
      field<B>(
        'code',
        'Edm.String',
        (r) => r.name,
        (r, v) => (r.name = str(v).toUpperCase()),
        { nullable: false, maxLength: 10 },
      ),
      field<B>(
        'displayName',
        'Edm.String',
        (r) => r.description,
        (r, v) => (r.description = str(v)),
        { maxLength: 100 },
      ),
      ...(template === 'GENERAL'
        ? [field<B>('templateDisplayName', 'Edm.String', (r) => r.template, undefined, { nullable: false })]
        : []),
      modifiedField<B>(),
      field<B>(
        'balancingAccountId',
        'Edm.Guid',
        (r, ctx) => ctx.state.account(r.balAccountNo)?.id ?? EMPTY_GUID,
      ),
      field<B>(
        'balancingAccountNumber',
        'Edm.String',
        (r) => r.balAccountNo,
        (r, v, ctx) => {
          if (str(v) && !ctx.state.account(str(v)))
            throw errors.recordNotFound('G/L Account', `No.='${str(v)}'`);
          r.balAccountNo = str(v);
        },
      ),
    ],
    list: (ctx) => ctx.state.journalBatches.filter((b) => b.template === template),
    identity: (r) => r,
    create: (ctx) => ({
      ...ctx.state.track(),
      template,
      name: '',
      description: '',
      balAccountType: 'G/L Account',
      balAccountNo: '',
    }),
    insert: (r, ctx) => {
      if (!r.name)
        throw errors.fieldValidation(
          'Name must have a value in Gen. Journal Batch. It cannot be zero or empty.',
        );
      if (ctx.state.batch(template, r.name))
        throw errors.duplicate('Gen. Journal Batch', `Journal Template Name='${template}',Name='${r.name}'`);
      ctx.state.journalBatches.push(r);
    },
    modified: touch,
    navigations: [
      {
        name: navName,
        target: lines,
        list: (b, ctx) => journalLinesOf(ctx, b),
        create: (b, ctx) => newJournalLine(ctx, b),
      },
    ],
    ...(withPost
      ? {
          actions: [
            {
              name: 'post',
              run: (r: B, ctx: NavContext) => void postJournalBatch(ctx.state, r.template, r.name),
            },
          ],
        }
      : {}),
  });
}
