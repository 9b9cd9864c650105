// The NAV sandbox's look-ups by key must answer exactly what a scan of the table answers, whatever
// happened to the table since they were built: balances after posting, paying and deleting equal a
// sum from scratch, and master data found by No. is the record a `find` finds.
import { describe, expect, it } from 'vitest';
import { generateDemoCompany } from '../../../src/demo/generate.js';
import { SandboxClock } from '../../../src/common/clock.js';
import type { NavContext } from '../../../src/nav/context.js';
import { dec, sum } from '../../../src/nav/decimal.js';
import { deleteCustomer, insertCustomer, newCustomer } from '../../../src/nav/entities/ops.js';
import {
  customerBalance,
  customerBalanceDue,
  netChange,
  vendorBalance,
} from '../../../src/nav/entities/fields.js';
import { AppendOnlyIndex, KeyIndex } from '../../../src/nav/indexes.js';
import { postSalesDocument, remainingOf } from '../../../src/nav/posting/invoices.js';
import { postJournalLines } from '../../../src/nav/posting/journals.js';
import { seedCompany } from '../../../src/nav/seed.js';
import type { JournalLine, NavState } from '../../../src/nav/state.js';

const clock = new SandboxClock(() => Date.UTC(2026, 10, 20));

interface Row {
  key: string;
  amount: ReturnType<typeof dec>;
}

describe('AppendOnlyIndex', () => {
  it('takes in appended rows, keeps table order, and sums each group in that order', () => {
    const rows: Row[] = [];
    const index = new AppendOnlyIndex(
      rows,
      (r) => r.key,
      (r) => r.amount,
    );
    expect(index.rowsOf('a')).toEqual([]);
    expect(index.total('a').toFixed()).toBe('0');
    rows.push({ key: 'a', amount: dec('1.10') }, { key: 'b', amount: dec('5') });
    expect(index.first('a')).toBe(rows[0]);
    rows.push({ key: 'a', amount: dec('-0.10') });
    expect(index.rowsOf('a')).toEqual([rows[0], rows[2]]);
    expect(index.total('a').toFixed(2)).toBe('1.00');
    expect(index.total('b').toFixed(2)).toBe('5.00');
  });

  it('starts over when the table changed other than by appending', () => {
    const rows: Row[] = [
      { key: 'a', amount: dec(1) },
      { key: 'b', amount: dec(2) },
      { key: 'a', amount: dec(3) },
    ];
    const index = new AppendOnlyIndex(
      rows,
      (r) => r.key,
      (r) => r.amount,
    );
    expect(index.total('a').toFixed()).toBe('4');
    rows.splice(0, 1);
    expect(index.rowsOf('a')).toEqual([rows[1]]);
    expect(index.total('a').toFixed()).toBe('3');
    // Same length again, another last row.
    rows.pop();
    rows.push({ key: 'b', amount: dec(10) });
    expect(index.total('a').toFixed()).toBe('0');
    expect(index.total('b').toFixed()).toBe('12');
  });
});

describe('KeyIndex', () => {
  it('finds what a scan finds after inserts, deletes, re-ordering and re-keying', () => {
    const rows = [{ no: 'C1' }, { no: 'C2' }, { no: 'C3' }];
    const index = new KeyIndex(rows, (r) => r.no);
    const check = () => {
      for (const no of ['C1', 'C2', 'C3', 'C4', 'C9', 'X'])
        expect(index.get(no), no).toBe(rows.find((r) => r.no === no));
    };
    check();
    rows.splice(0, 1);
    check();
    rows.push({ no: 'C4' });
    check();
    rows.reverse();
    check();
    rows[0]!.no = 'C9';
    check();
    rows.length = 0;
    check();
  });
});

function scanBalance(state: NavState, no: string) {
  return sum(state.custLedgerEntries.filter((e) => e.partyNo === no).map((e) => e.amount));
}

function expectIndexesMatchScans(state: NavState, ctx: NavContext): void {
  const today = clock.today();
  for (const c of state.customers) {
    expect(state.customer(c.no)).toBe(state.customers.find((x) => x.no === c.no));
    expect(customerBalance(ctx, c.no).toFixed(), c.no).toBe(scanBalance(state, c.no).toFixed());
    expect(state.ledgerEntriesOf('customer', c.no)).toEqual(
      state.custLedgerEntries.filter((e) => e.partyNo === c.no),
    );
    const due = state.custLedgerEntries.filter((e) => e.partyNo === c.no && e.dueDate <= today);
    expect(customerBalanceDue(ctx, c.no).toFixed(), c.no).toBe(sum(due.map((e) => e.remaining)).toFixed());
  }
  for (const v of state.vendors) {
    const scan = sum(state.vendLedgerEntries.filter((e) => e.partyNo === v.no).map((e) => e.amount)).neg();
    expect(vendorBalance(ctx, v.no).toFixed(), v.no).toBe(scan.toFixed());
  }
  for (const a of state.accounts) {
    const scan = sum(state.glEntries.filter((e) => e.accountNo === a.no).map((e) => e.amount));
    expect(netChange(ctx, a.no).toFixed(), a.no).toBe(scan.toFixed());
  }
  for (const p of state.postedSalesInvoices) {
    expect(state.postedInvoice('sales', p.no)).toBe(state.postedSalesInvoices.find((x) => x.no === p.no));
    const entry = state.custLedgerEntries.find((e) => e.entryNo === p.ledgerEntryNo);
    expect(remainingOf(state, p, 'sales').toFixed(), p.no).toBe(entry!.remaining.abs().toFixed());
  }
}

describe('the state of a generated company', () => {
  it('keeps balances, entries and look-ups equal to scans through posting, paying and deleting', () => {
    const state = seedCompany(generateDemoCompany({ customers: 60, salesInvoices: 300 }), clock);
    const ctx: NavContext = { state, clock, dialect: 'nav', user: 'ADMIN' };
    expectIndexesMatchScans(state, ctx);

    // Post a draft invoice and an order.
    const draft = state.salesHeaders.find((h) => h.documentType === 'Invoice')!;
    const posted = postSalesDocument(state, draft);
    postSalesDocument(
      state,
      state.salesHeaders.find((h) => h.documentType === 'Order')!,
    );
    expectIndexesMatchScans(state, ctx);

    // Pay part of the new invoice, applied to it.
    const payment: JournalLine = {
      ...state.track(),
      template: 'CASHRCPT',
      batch: 'GENERAL',
      lineNo: 10000,
      postingDate: '2026-11-20',
      documentType: 'Payment',
      documentNo: 'G02999',
      externalDocumentNo: '',
      accountType: 'Customer',
      accountNo: posted.partyNo,
      description: 'part payment',
      amount: dec('-10'),
      balAccountType: 'G/L Account',
      balAccountNo: state.postingSetup.bankAccountNo,
      appliesToDocType: 'Invoice',
      appliesToDocNo: posted.no,
      comment: '',
    };
    postJournalLines(state, [payment]);
    expect(remainingOf(state, posted, 'sales').toFixed(2)).toBe(
      posted.amountIncludingVat.minus(10).toFixed(2),
    );
    expectIndexesMatchScans(state, ctx);

    // Add a customer, rename one, delete one without entries.
    const added = newCustomer(ctx);
    added.name = 'Added';
    insertCustomer(ctx, added);
    expect(state.customer(added.no)).toBe(added);
    const renamed = state.customers[0]!;
    const oldNo = renamed.no;
    renamed.no = 'C99990';
    expect(state.customer(oldNo)).toBeUndefined();
    expect(state.customer('C99990')).toBe(renamed);
    const idle = state.customers.find(
      (c) => state.ledgerEntriesOf('customer', c.no).length === 0 && c !== added,
    );
    deleteCustomer(ctx, added);
    if (idle && !state.salesHeaders.some((h) => h.partyNo === idle.no)) deleteCustomer(ctx, idle);
    expect(state.customer(added.no)).toBeUndefined();
    expectIndexesMatchScans(state, ctx);
  });
});
