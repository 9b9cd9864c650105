// Procure to pay on a configured gateway, the books compared to the cent after every step: a new
// vendor invoicing in euros, an EUR bill at a given rate with awkward lines (0.333 × 33.3333 less
// 5 %, a 4-decimal price), a part payment and the final payment at the bill's rate through the
// API, then the vendor blocked in NAV and archived in Xero. Each bill's total, tax and amount due,
// the vendor's invoiced and outstanding totals, and every G/L account of both ledgers in the base
// currency must agree.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareBooks, mutateAndWait, startBooksGateway, type BooksGateway } from '../../support/books.js';

describe('procure to pay in euros, both books to the cent after each step', () => {
  let books: BooksGateway;
  let vendorId = '';
  const documents: string[] = [];
  const range = { from: '2026-11-01', to: '2027-12-31' };

  const mutate = (name: string, input: Record<string, unknown>, inputType: string) =>
    mutateAndWait(books, name, input, inputType);
  const agree = async () => {
    await books.settle();
    const compared = await compareBooks(books, { documents, parties: [vendorId], ...range });
    expect(compared.differences).toEqual([]);
    return compared;
  };
  const pay = (documentId: string, amount: string, paymentDate: string) =>
    mutate(
      'recordPayment',
      { documentId, amount, paymentDate, accountCode: '2910', currencyRate: '1.16' },
      'PaymentInput',
    );

  beforeAll(async () => {
    books = await startBooksGateway('books-p2p');
  }, 240_000);
  afterAll(async () => {
    await books?.close();
  });

  it('books an EUR bill at its rate, pays it in two parts, and both books agree in base currency', async () => {
    vendorId = await mutate(
      'upsertVendor',
      {
        name: 'Awkward Parts GmbH',
        email: 'ar@awkward-parts.example',
        currency: 'EUR',
        paymentTerms: '14 DAYS',
      },
      'PartyInput',
    );
    await agree();

    const billId = await mutate(
      'createBill',
      {
        number: 'LB-BOOKS-B1',
        vendorId,
        vendorInvoiceNumber: 'AP-2026-0333',
        issueDate: '2026-11-18',
        currency: 'EUR',
        currencyRate: '1.16',
        lines: [
          {
            description: 'Parts, 0.333 h',
            accountCode: '7110',
            quantity: '0.333',
            unitPrice: '33.3333',
            discountPercent: '5',
            taxCode: 'VAT20',
          },
          {
            description: 'Freight',
            accountCode: '8430',
            quantity: '2.5',
            unitPrice: '19.9999',
            taxCode: 'VAT20',
          },
        ],
      },
      'DocumentInput',
    );
    documents.push(billId);
    let compared = await agree();
    expect(compared.documents[0]!.ours).toEqual({ total: '72.65', totalTax: '12.11', amountDue: '72.65' });
    // In pounds: 72.65 / 1.16 = 62.63 owed, in both ledgers (payables compared per account).
    const payables = () => compared.trialBalance.rows.find((r) => r.navAccounts.includes('5410'))!;
    expect(new Decimal(payables().nav!.balance).toFixed(2)).toBe('-62.63');

    await pay(billId, '30.01', '2026-11-25');
    compared = await agree();
    expect(compared.documents[0]!.ours.amountDue).toBe('42.64');
    expect(compared.parties.map((p) => [p.currency, p.nav?.outstanding])).toEqual([['EUR', '42.64']]);

    await pay(billId, '42.64', '2026-12-02');
    compared = await agree();
    expect(compared.documents[0]!.ours.amountDue).toBe('0.00');
    // Paid at the bill's own rate: nothing realised, the payable cleared in both ledgers.
    expect(new Decimal(payables().nav!.balance).toFixed(2)).toBe('0.00');
  }, 300_000);

  it('blocks the paid-up vendor in NAV, archived in Xero, the books still agreeing', async () => {
    const navNo = (
      await books.gql<{ vendor: { number: string } }>(`query($id: ID!) { vendor(id: $id) { number } }`, {
        id: vendorId,
      })
    ).vendor.number;
    const blocked = await books.nav('PATCH', `/Vendor('${navNo}')`, { Blocked: 'All' }, { 'if-match': '*' });
    expect(blocked.ok, await blocked.text()).toBe(true);
    await agree();
    const contacts = (
      await books.xero(
        'GET',
        `/Contacts?where=${encodeURIComponent('Name=="Awkward Parts GmbH"')}&includeArchived=true`,
      )
    ).Contacts as { ContactStatus: string }[];
    expect(contacts.map((c) => c.ContactStatus)).toEqual(['ARCHIVED']);
    const { vendor } = await books.gql<{ vendor: { status: string } }>(
      `query($id: ID!) { vendor(id: $id) { status } }`,
      { id: vendorId },
    );
    expect(vendor.status).toBe('BLOCKED');
  }, 300_000);
});
