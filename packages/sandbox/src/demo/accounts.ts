// Reference data of the demo company: chart of accounts (NAV No. ⇄ Xero AccountCode), VAT rates,
// payment terms, dimensions and currencies. Fixed lists, so the same for every seed.
import type { DemoAccount, DemoDimension, DemoPaymentTerms, DemoTaxRate } from './model.js';

export const COMPANY_NAME = 'CRONUS International Ltd.';
export const BASE_CURRENCY = 'GBP';
export const CURRENCIES = ['GBP', 'EUR', 'USD'] as const;
/** Foreign units per 100 GBP; integers so converted prices stay exact and machine-independent. */
export const FX_PER_100_GBP: Readonly<Record<string, number>> = { GBP: 100, EUR: 116, USD: 127 };

/** Accounts the generator posts to, by role. */
export const ACC = {
  bank: '2910',
  receivables: '2310',
  payables: '5410',
  salesVat: '5610',
  purchaseVat: '5630',
  salesGoods: '6110',
  salesServices: '6410',
  deliveryIncome: '6810',
  purchasesGoods: '7110',
  costOfGoodsSold: '7190',
  consultants: '8510',
} as const;

function account(
  navNo: string,
  xeroCode: string,
  name: string,
  accountClass: DemoAccount['accountClass'],
  xeroType: string,
  extra: Partial<Pick<DemoAccount, 'isBank' | 'presence'>> = {},
): DemoAccount {
  const result: DemoAccount = {
    navNo,
    xeroCode,
    name,
    accountClass,
    xeroType,
    isBank: extra.isBank ?? false,
  };
  if (extra.presence) result.presence = extra.presence;
  return result;
}

/** NAV numbering follows CRONUS; Xero codes follow the default UK chart. */
export function chartOfAccounts(): DemoAccount[] {
  return [
    account('1210', '710', 'Office Equipment', 'ASSET', 'FIXED'),
    account('1230', '711', 'Accum. Depreciation, Office Equipment', 'ASSET', 'FIXED'),
    account('1310', '760', 'Vehicles', 'ASSET', 'FIXED'),
    account('2110', '630', 'Inventory', 'ASSET', 'INVENTORY'),
    account(ACC.receivables, '610', 'Accounts Receivable', 'ASSET', 'CURRENT'),
    account(ACC.bank, '090', 'Business Bank Account', 'ASSET', 'BANK', { isBank: true }),
    account('3110', '970', 'Share Capital', 'EQUITY', 'EQUITY'),
    account('3200', '960', 'Retained Earnings', 'EQUITY', 'EQUITY'),
    account(ACC.payables, '800', 'Accounts Payable', 'LIABILITY', 'CURRLIAB'),
    account(ACC.salesVat, '820', 'VAT', 'LIABILITY', 'CURRLIAB'),
    account(ACC.purchaseVat, '820', 'Purchase VAT', 'LIABILITY', 'CURRLIAB', {
      presence: { nav: true, xero: false },
    }),
    account('5710', '814', 'Wages Payable', 'LIABILITY', 'CURRLIAB'),
    account('5810', '900', 'Loan', 'LIABILITY', 'TERMLIAB'),
    account(ACC.salesGoods, '200', 'Sales', 'REVENUE', 'REVENUE'),
    account(ACC.salesServices, '210', 'Sales, Services', 'REVENUE', 'REVENUE'),
    account(ACC.deliveryIncome, '220', 'Delivery Income', 'REVENUE', 'REVENUE'),
    account('9210', '270', 'Interest Income', 'REVENUE', 'REVENUE'),
    account(ACC.purchasesGoods, '300', 'Purchases', 'EXPENSE', 'DIRECTCOSTS'),
    account(ACC.costOfGoodsSold, '310', 'Cost of Goods Sold', 'EXPENSE', 'DIRECTCOSTS'),
    account('8110', '469', 'Rent', 'EXPENSE', 'OVERHEADS'),
    account('8210', '408', 'Cleaning', 'EXPENSE', 'OVERHEADS'),
    account('8230', '445', 'Light, Power, Heating', 'EXPENSE', 'OVERHEADS'),
    account('8410', '461', 'Printing & Stationery', 'EXPENSE', 'OVERHEADS'),
    account('8420', '489', 'Telephone & Internet', 'EXPENSE', 'OVERHEADS'),
    account('8430', '425', 'Postage, Freight & Courier', 'EXPENSE', 'OVERHEADS'),
    account('8450', '485', 'Subscriptions', 'EXPENSE', 'OVERHEADS'),
    account(ACC.consultants, '412', 'Consulting', 'EXPENSE', 'OVERHEADS'),
    account('8610', '400', 'Advertising & Marketing', 'EXPENSE', 'OVERHEADS'),
    account('8640', '493', 'Travel - National', 'EXPENSE', 'OVERHEADS'),
    account('8730', '473', 'Repairs & Maintenance', 'EXPENSE', 'OVERHEADS'),
    account('8740', '433', 'Insurance', 'EXPENSE', 'OVERHEADS'),
    account('8830', '401', 'Audit & Accountancy fees', 'EXPENSE', 'OVERHEADS'),
    account('8840', '429', 'General Expenses', 'EXPENSE', 'OVERHEADS'),
    account('8910', '416', 'Depreciation', 'EXPENSE', 'OVERHEADS'),
    account('9110', '477', 'Salaries', 'EXPENSE', 'OVERHEADS'),
    account('9310', '404', 'Bank Service Charges', 'EXPENSE', 'OVERHEADS'),
    account('9320', '437', 'Interest Paid', 'EXPENSE', 'OVERHEADS'),
  ];
}

export const VAT = { standard: 'VAT20', reduced: 'VAT5', zero: 'ZERO', none: 'NO VAT' } as const;

/** Xero TaxType ⇄ NAV VAT Prod. Posting Group; a group has one rate for sales and purchases. */
export function taxRates(): DemoTaxRate[] {
  return [
    {
      xeroTaxType: 'OUTPUT2',
      navVatGroup: VAT.standard,
      name: '20% (VAT on Income)',
      ratePercent: '20',
      appliesTo: 'SALES',
    },
    {
      xeroTaxType: 'INPUT2',
      navVatGroup: VAT.standard,
      name: '20% (VAT on Expenses)',
      ratePercent: '20',
      appliesTo: 'PURCHASES',
    },
    {
      xeroTaxType: 'RROUTPUT',
      navVatGroup: VAT.reduced,
      name: '5% (VAT on Income)',
      ratePercent: '5',
      appliesTo: 'SALES',
    },
    {
      xeroTaxType: 'RRINPUT',
      navVatGroup: VAT.reduced,
      name: '5% (VAT on Expenses)',
      ratePercent: '5',
      appliesTo: 'PURCHASES',
    },
    {
      xeroTaxType: 'ZERORATEDOUTPUT',
      navVatGroup: VAT.zero,
      name: 'Zero Rated Income',
      ratePercent: '0',
      appliesTo: 'SALES',
    },
    {
      xeroTaxType: 'ZERORATEDINPUT',
      navVatGroup: VAT.zero,
      name: 'Zero Rated Expenses',
      ratePercent: '0',
      appliesTo: 'PURCHASES',
    },
    { xeroTaxType: 'NONE', navVatGroup: VAT.none, name: 'No VAT', ratePercent: '0', appliesTo: 'BOTH' },
  ];
}

export function paymentTerms(): DemoPaymentTerms[] {
  return [
    { code: 'COD', days: 0, description: 'Cash on delivery', dueDateCalculation: '0D' },
    { code: '7 DAYS', days: 7, description: 'Net 7 days', dueDateCalculation: '7D' },
    { code: '14 DAYS', days: 14, description: 'Net 14 days', dueDateCalculation: '14D' },
    { code: '30 DAYS', days: 30, description: 'Net 30 days', dueDateCalculation: '30D' },
    { code: '60 DAYS', days: 60, description: 'Net 60 days', dueDateCalculation: '60D' },
    { code: 'CM', days: 0, description: 'Current month', dueDateCalculation: 'CM' },
  ];
}

export const DEPARTMENT = 'DEPARTMENT';
export const AREA = 'AREA';

/** Two dimensions only: Xero allows two active tracking categories. */
export function dimensions(): DemoDimension[] {
  return [
    {
      code: DEPARTMENT,
      name: 'Department',
      values: [
        { code: 'ADM', name: 'Administration' },
        { code: 'PROD', name: 'Production' },
        { code: 'SALES', name: 'Sales' },
      ],
    },
    {
      code: AREA,
      name: 'Area',
      values: [
        { code: 'NORTH', name: 'North' },
        { code: 'MIDLANDS', name: 'Midlands' },
        { code: 'SOUTH', name: 'South' },
        { code: 'EAST', name: 'East' },
        { code: 'WEST', name: 'West' },
        { code: 'EXPORT', name: 'Export' },
      ],
    },
  ];
}
