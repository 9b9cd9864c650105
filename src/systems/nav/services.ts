// Service (entity set) names per dialect. NAV admins publish pages under names of their choosing
// (Web Services page); the defaults are what the ledgerbridge NAV sandbox publishes, which follow
// the page names of a standard NAV 2017/2018 CRONUS database. BC API v2.0 names are fixed by Microsoft.

export type Dialect = 'nav-odata-v4' | 'bc-api-v2';

export const serviceKeys = [
  'customer',
  'vendor',
  'item',
  'dimension',
  'dimensionValue',
  'salesInvoice',
  'postedSalesInvoice',
  'purchaseInvoice',
  'postedPurchaseInvoice',
  'salesOrder',
  'glEntry',
  'cashReceiptJournal',
  'custLedgerEntry',
  'paymentJournal',
  'vendLedgerEntry',
  'customerPaymentJournal',
  'vendorPaymentJournal',
  'glAccount',
  'currency',
  'generalLedgerSetup',
] as const;
export type ServiceKey = (typeof serviceKeys)[number];

export const defaultServiceNames: Record<Dialect, Partial<Record<ServiceKey, string>>> = {
  'nav-odata-v4': {
    customer: 'Customer',
    vendor: 'Vendor',
    item: 'Item',
    dimension: 'Dimensions',
    dimensionValue: 'DimensionValues',
    salesInvoice: 'SalesInvoice',
    postedSalesInvoice: 'PostedSalesInvoices',
    purchaseInvoice: 'PurchaseInvoice',
    postedPurchaseInvoice: 'PostedPurchaseInvoices',
    salesOrder: 'SalesOrder',
    glEntry: 'GLEntry',
    cashReceiptJournal: 'CashReceiptJournal',
    custLedgerEntry: 'CustLedgerEntries',
    paymentJournal: 'PaymentJournal',
    vendLedgerEntry: 'VendorLedgerEntries',
    glAccount: 'Chart_of_Accounts',
    currency: 'Currencies',
  },
  'bc-api-v2': {
    customer: 'customers',
    vendor: 'vendors',
    item: 'items',
    dimension: 'dimensions',
    dimensionValue: 'dimensionValues',
    salesInvoice: 'salesInvoices',
    purchaseInvoice: 'purchaseInvoices',
    salesOrder: 'salesOrders',
    glEntry: 'generalLedgerEntries',
    customerPaymentJournal: 'customerPaymentJournals',
    vendorPaymentJournal: 'vendorPaymentJournals',
    glAccount: 'accounts',
    currency: 'currencies',
    generalLedgerSetup: 'generalLedgerSetup',
  },
};

/**
 * Line navigation of a document service. NAV names a published page's subpage navigation
 * `<ServiceName><SubpageControlName>` (SalesInvoice → SalesInvoiceSalesLines).
 */
export function defaultLinesNavigation(
  dialect: Dialect,
  key: ServiceKey,
  service: string,
): string | undefined {
  if (dialect === 'bc-api-v2') {
    return (
      {
        salesInvoice: 'salesInvoiceLines',
        purchaseInvoice: 'purchaseInvoiceLines',
        salesOrder: 'salesOrderLines',
      } as Partial<Record<ServiceKey, string>>
    )[key];
  }
  const suffix = (
    {
      salesInvoice: 'SalesLines',
      salesOrder: 'SalesLines',
      purchaseInvoice: 'PurchLines',
      postedSalesInvoice: 'SalesInvLines',
      postedPurchaseInvoice: 'PurchInvLines',
    } as Partial<Record<ServiceKey, string>>
  )[key];
  return suffix ? `${service}${suffix}` : undefined;
}

/** Bound posting action: BC's is fixed; NAV's is whatever the partner published (NAV.Post in our sandbox). */
export const defaultPostAction: Record<Dialect, string> = {
  'nav-odata-v4': 'NAV.Post',
  'bc-api-v2': 'Microsoft.NAV.post',
};
