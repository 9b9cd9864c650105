// Realised exchange differences as NAV posts them: a foreign invoice is booked at its Currency
// Factor, a payment applied to it is posted at its own, the receivable or payable is cleared at the
// invoice's factor, and the difference goes to the Currency table's realised gains or losses
// account — every transaction balanced to the cent.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../../../src/common/clock.js';
import { sum } from '../../../src/nav/decimal.js';
import { postPurchaseInvoice, postSalesDocument } from '../../../src/nav/posting/invoices.js';
import { postJournalLines } from '../../../src/nav/posting/journals.js';
import { seedCompany } from '../../../src/nav/seed.js';
import type { JournalLine, NavState, PostedInvoice, PurchaseHeader } from '../../../src/nav/state.js';
import { demoFixture } from '../../integration/nav/fixture.js';

const clock = () => new SandboxClock(() => Date.UTC(2024, 3, 1));
/** LCY of a foreign amount at a factor (foreign units per 1 LCY), to the cent. */
const lcy = (amount: Decimal.Value, factor: Decimal.Value) =>
  new Decimal(amount).div(factor).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

function expectBalanced(state: NavState): void {
  const byTransaction = new Map<number, Decimal[]>();
  for (const e of state.glEntries)
    byTransaction.set(e.transactionNo, [...(byTransaction.get(e.transactionNo) ?? []), e.amount]);
  for (const [tx, amounts] of byTransaction)
    expect(sum(amounts).toFixed(2), `transaction ${tx}`).toBe('0.00');
}

/** Net change of a G/L account over the entries of the given documents. */
const net = (s: NavState, account: string, docs: string[]) =>
  sum(s.glEntries.filter((e) => e.accountNo === account && docs.includes(e.documentNo)).map((e) => e.amount));

function eurSalesInvoice(s: NavState, factor: string): PostedInvoice {
  const header = s.salesHeaders.find((h) => h.no === '102001')!;
  header.currency = 'EUR';
  header.currencyFactor = new Decimal(factor);
  return postSalesDocument(s, header);
}

function eurBill(s: NavState, factor: string): PostedInvoice {
  const header: PurchaseHeader = {
    ...s.track(),
    documentType: 'Invoice',
    no: 'P-FX-1',
    partyNo: 'V00010',
    postingDate: '2024-04-01',
    documentDate: '2024-04-01',
    dueDate: '2024-04-15',
    externalDocumentNo: '',
    vendorInvoiceNo: 'FX-0001',
    currency: 'EUR',
    currencyFactor: new Decimal(factor),
    pricesIncludeVat: false,
    lines: [
      {
        ...s.track(),
        lineNo: 10000,
        type: 'G/L Account',
        no: '7110',
        description: 'Parts',
        quantity: new Decimal(1),
        unitPrice: new Decimal('1000'),
        discountPercent: new Decimal(0),
        vatGroup: 'VAT20',
        unitOfMeasure: '',
        dimensions: {},
      },
    ],
  };
  s.purchaseHeaders.push(header);
  return postPurchaseInvoice(s, header);
}

function payment(
  s: NavState,
  kind: 'Customer' | 'Vendor',
  partyNo: string,
  invoiceNo: string,
  amount: Decimal.Value,
  factor: string,
  documentNo: string,
): JournalLine {
  return {
    ...s.track(),
    template: kind === 'Customer' ? 'CASHRCPT' : 'PAYMENT',
    batch: 'GENERAL',
    lineNo: 10000,
    postingDate: '2024-04-20',
    documentType: 'Payment',
    documentNo,
    externalDocumentNo: '',
    accountType: kind,
    accountNo: partyNo,
    description: `Payment ${invoiceNo}`,
    amount: kind === 'Customer' ? new Decimal(amount).neg() : new Decimal(amount),
    currencyFactor: new Decimal(factor),
    balAccountType: 'G/L Account',
    balAccountNo: '2910',
    appliesToDocType: 'Invoice',
    appliesToDocNo: invoiceNo,
    comment: '',
  };
}

describe('realised currency gains and losses', () => {
  it('keeps a Currency table naming the realised gains and losses accounts of each foreign currency', () => {
    const s = seedCompany(demoFixture(), clock());
    expect(s.currencies.map((c) => [c.code, c.realizedGainsAcc, c.realizedLossesAcc])).toEqual([
      ['EUR', '9430', '9440'],
    ]);
    // The fixture's chart has no such accounts: CRONUS-numbered ones are added to it.
    expect([s.account('9430')?.name, s.account('9440')?.name]).toEqual([
      'Realized FX Gains',
      'Realized FX Losses',
    ]);
  });

  it('books a gain when a customer pays a EUR invoice at a rate giving more LCY than booked', () => {
    const s = seedCompany(demoFixture(), clock());
    const invoice = eurSalesInvoice(s, '1.16');
    const total = invoice.amountIncludingVat;
    const entry = s.custLedgerEntries.find((e) => e.documentNo === invoice.no)!;
    expect(entry.amountLcy.toFixed(2)).toBe(lcy(total, '1.16').toFixed(2));

    postJournalLines(s, [payment(s, 'Customer', 'C00030', invoice.no, total, '1.12', 'PAY-1')]);
    expectBalanced(s);
    const docs = [invoice.no, 'PAY-1'];
    const gain = lcy(total, '1.12').minus(lcy(total, '1.16'));
    expect(gain.isPositive()).toBe(true);
    // The bank took the payment at its own rate, the receivable is cleared at the invoice's.
    expect(net(s, '2910', ['PAY-1']).toFixed(2)).toBe(lcy(total, '1.12').toFixed(2));
    expect(net(s, '2310', docs).toFixed(2)).toBe('0.00');
    expect(net(s, '9430', docs).toFixed(2)).toBe(gain.neg().toFixed(2));
    expect(net(s, '9440', docs).toFixed(2)).toBe('0.00');
    expect([entry.open, entry.remaining.toFixed(2), entry.remainingLcy.toFixed(2)]).toEqual([
      false,
      '0.00',
      '0.00',
    ]);
  });

  it('books a loss when a EUR bill is paid at a rate costing more LCY than booked', () => {
    const s = seedCompany(demoFixture(), clock());
    const bill = eurBill(s, '1.16');
    const total = bill.amountIncludingVat;
    expect(total.toFixed(2)).toBe('1200.00');
    postJournalLines(s, [payment(s, 'Vendor', 'V00010', bill.no, total, '1.12', 'VPAY-1')]);
    expectBalanced(s);
    const docs = [bill.no, 'VPAY-1'];
    const loss = lcy(total, '1.12').minus(lcy(total, '1.16'));
    expect(net(s, '2910', ['VPAY-1']).toFixed(2)).toBe(lcy(total, '1.12').neg().toFixed(2));
    expect(net(s, '5410', docs).toFixed(2)).toBe('0.00');
    expect(net(s, '9440', docs).toFixed(2)).toBe(loss.toFixed(2));
    expect(net(s, '9430', docs).toFixed(2)).toBe('0.00');
  });

  it('clears part payments at the invoice rate and the last one clears what is left to the cent', () => {
    const s = seedCompany(demoFixture(), clock());
    const invoice = eurSalesInvoice(s, '1.16');
    const total = invoice.amountIncludingVat;
    const first = new Decimal('33.33');
    postJournalLines(s, [payment(s, 'Customer', 'C00030', invoice.no, first, '1.20', 'PAY-1')]);
    const entry = s.custLedgerEntries.find((e) => e.documentNo === invoice.no)!;
    expect(entry.remainingLcy.toFixed(2)).toBe(lcy(total, '1.16').minus(lcy(first, '1.16')).toFixed(2));
    postJournalLines(s, [payment(s, 'Customer', 'C00030', invoice.no, total.minus(first), '1.10', 'PAY-2')]);
    expectBalanced(s);
    const docs = [invoice.no, 'PAY-1', 'PAY-2'];
    expect(net(s, '2310', docs).toFixed(2)).toBe('0.00');
    // Paid at 1.20 a loss on the first part, at 1.10 a gain on the rest; together bank minus booked.
    const realised = net(s, '9430', docs).plus(net(s, '9440', docs));
    const bank = lcy(first, '1.20').plus(lcy(total.minus(first), '1.10'));
    expect(realised.neg().toFixed(2)).toBe(bank.minus(lcy(total, '1.16')).toFixed(2));
    expect(net(s, '9440', docs).isPositive()).toBe(true);
    expect(net(s, '9430', docs).isNegative()).toBe(true);
  });

  it('refuses a payment whose currency has no realised gains account, writing nothing', () => {
    const s = seedCompany(demoFixture(), clock());
    const invoice = eurSalesInvoice(s, '1.16');
    s.currency('EUR')!.realizedGainsAcc = '';
    const entries = s.glEntries.length;
    const line = payment(s, 'Customer', 'C00030', invoice.no, invoice.amountIncludingVat, '1.12', 'PAY-1');
    expect(() => postJournalLines(s, [line])).toThrow(
      /Realized Gains Acc\. must have a value in Currency: Code=EUR/,
    );
    expect(s.glEntries.length).toBe(entries);
    const entry = s.custLedgerEntries.find((e) => e.documentNo === invoice.no)!;
    expect([entry.open, entry.remaining.toFixed(2)]).toEqual([true, invoice.amountIncludingVat.toFixed(2)]);
    expect(s.custLedgerEntries.some((e) => e.documentNo === 'PAY-1')).toBe(false);
  });

  it('posts no difference when the payment comes at the invoice rate', () => {
    const s = seedCompany(demoFixture(), clock());
    const invoice = eurSalesInvoice(s, '1.16');
    postJournalLines(s, [
      payment(s, 'Customer', 'C00030', invoice.no, invoice.amountIncludingVat, '1.16', 'PAY-1'),
    ]);
    expectBalanced(s);
    expect(s.glEntries.filter((e) => ['9430', '9440'].includes(e.accountNo))).toEqual([]);
    expect(net(s, '2310', [invoice.no, 'PAY-1']).toFixed(2)).toBe('0.00');
  });
});
