// The foreign-currency round trip on a configured gateway, the books compared to the cent after
// every step: a EUR invoice booked at one rate and paid at another through the API (a realised
// gain), and a EUR bill paid at a rate costing more pounds than it was booked at (a realised loss).
// Xero posts both to its one account 499 (Realised Currency Gains); NAV to the realised gains or
// losses account its Currency table names, which the lookups pair with 499. The expected amounts
// are worked out here from the rates, not taken from either book.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareBooks, mutateAndWait, startBooksGateway, type BooksGateway } from '../../support/books.js';

/** Pounds for an amount in euros at a rate (euros per pound), to the cent. */
const pounds = (amount: Decimal.Value, rate: Decimal.Value) =>
  new Decimal(amount).div(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

describe('foreign-currency round trip, realised gains and losses in both books', () => {
  let books: BooksGateway;
  const parties: string[] = [];
  const documents: string[] = [];
  const range = { from: '2026-11-01', to: '2027-12-31' };

  const mutate = (name: string, input: Record<string, unknown>, inputType: string) =>
    mutateAndWait(books, name, input, inputType);
  const agree = async () => {
    await books.settle();
    const compared = await compareBooks(books, { documents, parties, ...range });
    expect(compared.differences).toEqual([]);
    return compared;
  };
  /** The trial balance row of Xero's 499, with the NAV accounts paired with it. */
  const realisedRow = (compared: Awaited<ReturnType<typeof agree>>) =>
    compared.trialBalance.rows.find((r) => r.account === '499');
  /** Net change of one NAV G/L account over the scenario's dates, read from NAV itself. */
  const navNet = async (account: string) => {
    const filter = `G_L_Account_No eq '${account}' and Posting_Date ge ${range.from}`;
    const response = await books.nav('GET', `/GLEntry?$filter=${encodeURIComponent(filter)}`);
    expect(response.ok, await response.clone().text()).toBe(true);
    const { value } = (await response.json()) as { value: { Amount: number }[] };
    return value.reduce((total, e) => total.plus(new Decimal(e.Amount)), new Decimal(0));
  };

  beforeAll(async () => {
    books = await startBooksGateway('books-fx');
  }, 240_000);
  afterAll(async () => {
    await books?.close();
  });

  it('books a EUR invoice at 1.16, is paid at 1.12, and both books realise the same gain', async () => {
    const customerId = await mutate(
      'upsertCustomer',
      { name: 'Euro Rates SARL', email: 'ap@euro-rates.example', currency: 'EUR', paymentTerms: '30 DAYS' },
      'PartyInput',
    );
    parties.push(customerId);
    const invoiceId = await mutate(
      'createInvoice',
      {
        number: 'LB-FX-INV1',
        customerId,
        issueDate: '2026-11-16',
        currency: 'EUR',
        currencyRate: '1.16',
        lines: [
          {
            description: 'Consultancy, November',
            accountCode: '6410',
            quantity: '1',
            unitPrice: '1000',
            taxCode: 'ZERO',
          },
        ],
      },
      'DocumentInput',
    );
    documents.push(invoiceId);
    let compared = await agree();
    const booked = pounds('1000', '1.16');
    const receivables = () => compared.trialBalance.rows.find((r) => r.navAccounts.includes('2310'))!;
    expect(new Decimal(receivables().nav!.balance).toFixed(2)).toBe(booked.toFixed(2));
    expect(realisedRow(compared)?.nav ?? null).toBeNull();

    await mutate(
      'recordPayment',
      {
        documentId: invoiceId,
        amount: '1000',
        paymentDate: '2026-11-30',
        accountCode: '2910',
        currencyRate: '1.12',
      },
      'PaymentInput',
    );
    compared = await agree();
    expect(compared.documents[0]!.ours.amountDue).toBe('0.00');
    // 1000 EUR booked at 1.16 is 862.07; received at 1.12 it is 892.86: 30.79 gained, a credit.
    const gain = pounds('1000', '1.12').minus(booked);
    expect(gain.toFixed(2)).toBe('30.79');
    const row = realisedRow(compared)!;
    expect(row.navAccounts).toEqual(expect.arrayContaining(['9430', '9440']));
    expect(new Decimal(row.xero!.balance).toFixed(2)).toBe(gain.neg().toFixed(2));
    expect(new Decimal(row.nav!.balance).toFixed(2)).toBe(gain.neg().toFixed(2));
    expect((await navNet('9430')).toFixed(2)).toBe(gain.neg().toFixed(2));
    // The receivable is cleared in pounds in both books, not left holding the difference.
    expect(new Decimal(receivables().nav!.balance).toFixed(2)).toBe('0.00');
    expect(new Decimal(receivables().xero!.balance).toFixed(2)).toBe('0.00');
  }, 300_000);

  it('books a EUR bill at 1.25, pays it at 1.10, and both books realise the same loss', async () => {
    const vendorId = await mutate(
      'upsertVendor',
      { name: 'Kursverlust GmbH', email: 'ar@kursverlust.example', currency: 'EUR', paymentTerms: '14 DAYS' },
      'PartyInput',
    );
    parties.push(vendorId);
    const billId = await mutate(
      'createBill',
      {
        number: 'LB-FX-B1',
        vendorId,
        vendorInvoiceNumber: 'KV-2026-0500',
        issueDate: '2026-12-01',
        currency: 'EUR',
        currencyRate: '1.25',
        lines: [
          { description: 'Parts', accountCode: '7110', quantity: '1', unitPrice: '500', taxCode: 'ZERO' },
        ],
      },
      'DocumentInput',
    );
    documents.push(billId);
    let compared = await agree();
    const gainBefore = new Decimal(realisedRow(compared)!.nav!.balance);

    await mutate(
      'recordPayment',
      {
        documentId: billId,
        amount: '500',
        paymentDate: '2026-12-10',
        accountCode: '2910',
        currencyRate: '1.10',
      },
      'PaymentInput',
    );
    compared = await agree();
    expect(compared.documents[1]!.ours.amountDue).toBe('0.00');
    // 500 EUR owed at 1.25 is 400.00; paid at 1.10 it costs 454.55: 54.55 lost, a debit.
    const loss = pounds('500', '1.10').minus(pounds('500', '1.25'));
    expect(loss.toFixed(2)).toBe('54.55');
    const row = realisedRow(compared)!;
    expect(new Decimal(row.nav!.balance).minus(gainBefore).toFixed(2)).toBe(loss.toFixed(2));
    expect(new Decimal(row.xero!.balance).toFixed(2)).toBe(new Decimal(row.nav!.balance).toFixed(2));
    // NAV keeps the loss apart from the gain; Xero's one account holds both.
    expect((await navNet('9440')).toFixed(2)).toBe(loss.toFixed(2));
    const payables = compared.trialBalance.rows.find((r) => r.navAccounts.includes('5410'))!;
    expect(new Decimal(payables.nav!.balance).toFixed(2)).toBe('0.00');
  }, 300_000);
});
