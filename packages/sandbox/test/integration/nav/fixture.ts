// A small, hand-written demo company for the NAV sandbox tests (built from the demo model types).
import type { DemoCompany, DemoCustomer, DemoDocument, DemoItem, DemoLine } from '../../../src/demo/model.js';

const nav = { nav: true, xero: true };

function customer(no: string, name: string, extra: Partial<DemoCustomer> = {}): DemoCustomer {
  return {
    no,
    id: `0000000${no.slice(-1)}-0000-4000-8000-0000000c${no.slice(1)}`.slice(0, 36),
    name,
    email: `${name.toLowerCase().replace(/[^a-z]/g, '')}@example.com`,
    phone: '+44 20 7946 0000',
    address: { line1: '1 High Street', city: 'London', postalCode: 'EC1A 1AA', country: 'GB' },
    currency: 'GBP',
    taxNumber: 'GB123456789',
    paymentTermsCode: '30 DAYS',
    blocked: '',
    archived: false,
    lastModified: '2024-03-01T10:00:00.000Z',
    presence: nav,
    creditLimit: '5000',
    ...extra,
  };
}

function item(no: string, description: string, unitPrice: string, vatGroup = 'VAT20'): DemoItem {
  return {
    no,
    id: `11111111-0000-4000-8000-00000000${no}`,
    description,
    type: 'Inventory',
    baseUnitOfMeasure: 'PCS',
    unitPrice,
    unitCost: '10',
    salesAccountNo: '6110',
    purchaseAccountNo: '7110',
    vatGroup,
    blocked: false,
    lastModified: '2024-03-01T10:00:00.000Z',
    presence: nav,
  };
}

export function line(
  lineNo: number,
  no: string,
  quantity: string,
  unitPrice: string,
  extra: Partial<DemoLine> = {},
): DemoLine {
  return {
    lineNo,
    type: 'Item',
    no,
    description: `Item ${no}`,
    quantity,
    unitPrice,
    discountPercent: '0',
    vatGroup: 'VAT20',
    dimensions: {},
    ...extra,
  };
}

function salesInvoice(
  no: string,
  id: string,
  partyNo: string,
  posted: boolean,
  lines: DemoLine[],
  postingDate = '2024-03-05',
): DemoDocument {
  return {
    no,
    id,
    partyNo,
    postingDate,
    dueDate: '2024-04-04',
    currency: 'GBP',
    pricesIncludeVat: false,
    posted,
    xeroStatus: posted ? 'AUTHORISED' : 'DRAFT',
    lines,
    lastModified: '2024-03-05T09:00:00.000Z',
    presence: nav,
  };
}

export const COMPANY_ID = '3ab5c248-e72b-4011-9a4a-7c1e5275406f';

export function demoFixture(): DemoCompany {
  return {
    name: 'CRONUS International Ltd.',
    id: COMPANY_ID,
    baseCurrency: 'GBP',
    currencies: ['GBP', 'EUR'],
    accounts: [
      {
        navNo: '2310',
        xeroCode: '610',
        name: 'Customers, Domestic (receivables)',
        accountClass: 'ASSET',
        xeroType: 'CURRENT',
        isBank: false,
      },
      {
        navNo: '2910',
        xeroCode: '090',
        name: 'Bank Account',
        accountClass: 'ASSET',
        xeroType: 'BANK',
        isBank: true,
      },
      {
        navNo: '5410',
        xeroCode: '800',
        name: 'Vendors, Domestic (payables)',
        accountClass: 'LIABILITY',
        xeroType: 'CURRLIAB',
        isBank: false,
      },
      {
        navNo: '5610',
        xeroCode: '820',
        name: 'Sales VAT (output tax)',
        accountClass: 'LIABILITY',
        xeroType: 'CURRLIAB',
        isBank: false,
      },
      {
        navNo: '5630',
        xeroCode: '821',
        name: 'Purchase VAT (input tax)',
        accountClass: 'LIABILITY',
        xeroType: 'CURRLIAB',
        isBank: false,
      },
      {
        navNo: '6110',
        xeroCode: '200',
        name: 'Sales, Retail',
        accountClass: 'REVENUE',
        xeroType: 'SALES',
        isBank: false,
      },
      {
        navNo: '6410',
        xeroCode: '260',
        name: 'Consulting Fees',
        accountClass: 'REVENUE',
        xeroType: 'REVENUE',
        isBank: false,
      },
      {
        navNo: '7110',
        xeroCode: '310',
        name: 'Purchases, Retail',
        accountClass: 'EXPENSE',
        xeroType: 'DIRECTCOSTS',
        isBank: false,
      },
    ],
    taxRates: [
      {
        xeroTaxType: 'OUTPUT2',
        navVatGroup: 'VAT20',
        name: 'Standard 20%',
        ratePercent: '20',
        appliesTo: 'BOTH',
      },
      {
        xeroTaxType: 'RROUTPUT',
        navVatGroup: 'VAT5',
        name: 'Reduced 5%',
        ratePercent: '5',
        appliesTo: 'BOTH',
      },
      {
        xeroTaxType: 'ZERORATEDOUTPUT',
        navVatGroup: 'ZERO',
        name: 'Zero rated',
        ratePercent: '0',
        appliesTo: 'BOTH',
      },
    ],
    paymentTerms: [
      { code: '30 DAYS', days: 30 },
      { code: '14 DAYS', days: 14 },
    ],
    dimensions: [
      {
        code: 'DEPARTMENT',
        name: 'Department',
        values: [
          { code: 'SALES', name: 'Sales' },
          { code: 'ADM', name: 'Administration' },
        ],
      },
      {
        code: 'AREA',
        name: 'Area',
        values: [
          { code: 'NORTH', name: 'North' },
          { code: 'SOUTH', name: 'South' },
        ],
      },
    ],
    customers: [
      customer('C00010', 'Adatum Corporation'),
      customer('C00020', "Trey O'Research", { blocked: 'Invoice' }),
      customer('C00030', 'Relecloud'),
      customer('C00040', 'Xero Only Ltd', { presence: { nav: false, xero: true } }),
    ],
    vendors: [
      {
        no: 'V00010',
        id: '22222222-0000-4000-8000-000000000010',
        name: 'Fabrikam Supplies',
        address: { line1: '9 Dock Road', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
        currency: 'GBP',
        paymentTermsCode: '14 DAYS',
        blocked: '',
        archived: false,
        lastModified: '2024-03-01T10:00:00.000Z',
        presence: nav,
      },
    ],
    items: [
      item('1000', 'Bicycle', '100.00'),
      item('1100', 'Front Wheel', '33.33'),
      item('1200', 'Bell', '4.99', 'VAT5'),
    ],
    salesOrders: [
      {
        no: '101001',
        id: '33333333-0000-4000-8000-000000101001',
        customerNo: 'C00010',
        orderDate: '2024-03-10',
        currency: 'GBP',
        status: 'Open',
        lines: [
          line(10000, '1000', '2', '100.00', { dimensions: { DEPARTMENT: 'SALES' } }),
          line(20000, '1100', '3', '33.33'),
        ],
        lastModified: '2024-03-10T09:00:00.000Z',
      },
    ],
    salesInvoices: [
      salesInvoice('103001', '44444444-0000-4000-8000-000000103001', 'C00010', true, [
        line(10000, '1000', '1', '100.00'),
        line(20000, '1200', '3', '4.99', { vatGroup: 'VAT5' }),
      ]),
      salesInvoice(
        '103002',
        '44444444-0000-4000-8000-000000103002',
        'C00030',
        true,
        [line(10000, '1100', '7', '33.33', { discountPercent: '10' })],
        '2024-03-06',
      ),
      salesInvoice('102001', '44444444-0000-4000-8000-000000102001', 'C00030', false, [
        line(10000, '1000', '1', '100.00'),
      ]),
      salesInvoice('103099', '44444444-0000-4000-8000-000000103099', 'C00040', true, [
        line(10000, '1000', '1', '100.00'),
      ]),
    ],
    purchaseInvoices: [
      {
        no: '108001',
        id: '55555555-0000-4000-8000-000000108001',
        partyNo: 'V00010',
        postingDate: '2024-03-02',
        dueDate: '2024-03-16',
        currency: 'GBP',
        pricesIncludeVat: false,
        posted: true,
        xeroStatus: 'AUTHORISED',
        vendorInvoiceNo: 'FAB-7781',
        lines: [
          {
            lineNo: 10000,
            type: 'G/L Account',
            no: '7110',
            description: 'Stock',
            quantity: '1',
            unitPrice: '250.00',
            discountPercent: '0',
            vatGroup: 'VAT20',
            dimensions: {},
          },
        ],
        lastModified: '2024-03-02T09:00:00.000Z',
        presence: nav,
      },
    ],
    payments: [
      {
        id: '66666666-0000-4000-8000-000000000001',
        direction: 'RECEIVED',
        documentNo: '103001',
        partyNo: 'C00010',
        date: '2024-03-20',
        amount: '135.72',
        currency: 'GBP',
        bankAccountNo: '2910',
        reference: 'BACS 1',
        presence: nav,
      },
      {
        id: '66666666-0000-4000-8000-000000000002',
        direction: 'RECEIVED',
        documentNo: '103002',
        partyNo: 'C00030',
        date: '2024-03-21',
        amount: '100.00',
        currency: 'GBP',
        bankAccountNo: '2910',
        reference: 'BACS 2',
        presence: nav,
      },
    ],
  };
}
