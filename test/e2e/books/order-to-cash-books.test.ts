// Order to cash on a configured gateway, the books compared to the cent after every step: a new
// customer, a sales order with awkward lines (0.333 × 33.3333 less 5 %, a 4-decimal price) that NAV
// ships and invoices, the posted invoice synced to Xero, a part payment and the final payment
// through the API; then a tax-inclusive invoice, paid, and the customer blocked in NAV (archived in
// Xero once it owes nothing). Each document's total, tax and amount due, the customer's invoiced
// and outstanding totals, and every G/L account of both ledgers must agree.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../../src/graphql/global-id.js';
import { compareBooks, mutateAndWait, startBooksGateway, type BooksGateway } from '../../support/books.js';

describe('order to cash, both books to the cent after each step', () => {
  let books: BooksGateway;
  let customerId = '';
  let itemId = '';
  const documents: string[] = [];
  const range = { from: '2026-11-01', to: '2027-12-31' };

  const mutate = (name: string, input: Record<string, unknown>, inputType: string) =>
    mutateAndWait(books, name, input, inputType);
  const agree = async () => {
    await books.settle();
    const compared = await compareBooks(books, { documents, parties: [customerId], ...range });
    expect(compared.differences).toEqual([]);
    return compared;
  };
  const pay = (documentId: string, amount: string, paymentDate: string) =>
    mutate('recordPayment', { documentId, amount, paymentDate, accountCode: '2910' }, 'PaymentInput');

  beforeAll(async () => {
    books = await startBooksGateway('books-o2c');
    const item = await books.gateway.db.prisma.item.findFirstOrThrow({
      where: { blocked: false, type: 'INVENTORY' },
      orderBy: { number: 'asc' },
    });
    itemId = toGlobalId('Item', item.id);
  }, 240_000);
  afterAll(async () => {
    await books?.close();
  });

  it('sells on an order with awkward lines, is paid in two parts, and both books agree at each step', async () => {
    customerId = await mutate(
      'upsertCustomer',
      { name: 'Awkward Decimals Ltd', email: 'ap@awkward.example', currency: 'GBP', paymentTerms: '14 DAYS' },
      'PartyInput',
    );
    await agree();

    const orderId = await mutate(
      'createSalesOrder',
      {
        number: 'LB-BOOKS-SO1',
        customerId,
        orderDate: '2026-11-16',
        lines: [
          { itemId, quantity: '0.333', unitPrice: '33.3333', discountPercent: '5', taxCode: 'VAT20' },
          { itemId, quantity: '2.5', unitPrice: '19.9999', taxCode: 'VAT20' },
        ],
      },
      'SalesOrderInput',
    );
    const navOrder = (
      (await (
        await books.nav(
          'GET',
          `/SalesOrder?$filter=${encodeURIComponent(`External_Document_No eq 'LB-BOOKS-SO1'`)}`,
        )
      ).json()) as { value: { No: string }[] }
    ).value[0]!;
    const posted = await books.navAdmin('/post-sales-order', { no: navOrder.No });
    await books.settle();
    const { salesOrder } = await books.gql<{ salesOrder: { invoices: { id: string; total: string }[] } }>(
      `query($id: ID!) { salesOrder(id: $id) { invoices { id total } } }`,
      { id: orderId },
    );
    expect(salesOrder.invoices).toHaveLength(1);
    const invoiceId = salesOrder.invoices[0]!.id;
    documents.push(invoiceId);
    // 0.333 × 33.3333 less 5 % = 10.54; 2.5 × 19.9999 = 50.00; VAT 20 % per line: 2.11 + 10.00.
    expect(salesOrder.invoices[0]!.total).toBe(posted.amountIncludingVat);
    expect(new Decimal(salesOrder.invoices[0]!.total).toFixed(2)).toBe('72.65');
    let compared = await agree();
    expect(compared.documents[0]!.ours).toEqual({ total: '72.65', totalTax: '12.11', amountDue: '72.65' });

    await pay(invoiceId, '30.01', '2026-11-20');
    compared = await agree();
    expect(compared.documents[0]!.ours.amountDue).toBe('42.64');
    expect(compared.parties.map((p) => p.nav?.outstanding)).toEqual(['42.64']);

    await pay(invoiceId, '42.64', '2026-11-27');
    compared = await agree();
    expect(compared.documents[0]!.ours.amountDue).toBe('0.00');
    // Each ledger has the sale, the VAT and the money in the bank: 72.65 received.
    const bank = compared.trialBalance.rows.find((r) => r.navAccounts.includes('2910'))!;
    expect(new Decimal(bank.nav!.balance).toFixed(2)).toBe('72.65');
  }, 300_000);

  it('takes a tax-inclusive invoice, paid, then the customer blocked in NAV and archived in Xero', async () => {
    const invoiceId = await mutate(
      'createInvoice',
      {
        number: 'LB-BOOKS-INC1',
        customerId,
        issueDate: '2026-12-01',
        lineAmountType: 'INCLUSIVE',
        lines: [
          {
            description: 'Delivery, VAT included',
            accountCode: '6810',
            quantity: '0.333',
            unitPrice: '33.3333',
            taxCode: 'VAT20',
          },
          { itemId, quantity: '3', unitPrice: '9.9999', discountPercent: '2.5', taxCode: 'VAT20' },
        ],
      },
      'DocumentInput',
    );
    documents.push(invoiceId);
    const compared = await agree();
    const inclusive = compared.documents[1]!.ours;
    // 11.10 + 29.25 including VAT; the tax is taken out of each line: 1.85 + 4.88 (4.875 up).
    expect(inclusive.total).toBe('40.35');
    expect(inclusive.totalTax).toBe('6.73');

    await pay(invoiceId, inclusive.total, '2026-12-05');
    await agree();

    const navNo = (
      await books.gql<{ customer: { number: string } }>(`query($id: ID!) { customer(id: $id) { number } }`, {
        id: customerId,
      })
    ).customer.number;
    const blocked = await books.nav(
      'PATCH',
      `/Customer('${navNo}')`,
      { Blocked: 'All' },
      { 'if-match': '*' },
    );
    expect(blocked.ok, await blocked.text()).toBe(true);
    await agree();
    const contacts = (
      await books.xero(
        'GET',
        `/Contacts?where=${encodeURIComponent('Name=="Awkward Decimals Ltd"')}&includeArchived=true`,
      )
    ).Contacts as { ContactStatus: string }[];
    expect(contacts.map((c) => c.ContactStatus)).toEqual(['ARCHIVED']);
    const { customer } = await books.gql<{ customer: { status: string } }>(
      `query($id: ID!) { customer(id: $id) { status } }`,
      { id: customerId },
    );
    expect(customer.status).toBe('BLOCKED');
  }, 300_000);
});
