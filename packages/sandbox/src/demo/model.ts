// The neutral demo company both sandboxes load: a CRONUS-like company in NAV/BC and the same
// business as a Xero organisation. Money is a decimal string ("1234.50"), accounting dates are
// "YYYY-MM-DD", instants are ISO-8601 with offset. Each sandbox turns this into its own wire shapes
// and computes its own totals (per-line rounding, see totals.ts).

/** Which of the two systems already holds a record when the sandbox starts. */
export interface Presence {
  nav: boolean;
  xero: boolean;
}

export type AccountClass = 'ASSET' | 'LIABILITY' | 'EQUITY' | 'REVENUE' | 'EXPENSE';

export interface DemoAccount {
  /** NAV G/L account No., e.g. "6110". */
  navNo: string;
  /** Xero AccountCode, e.g. "200". */
  xeroCode: string;
  name: string;
  accountClass: AccountClass;
  /** Xero account Type: REVENUE, SALES, DIRECTCOSTS, EXPENSE, OVERHEADS, BANK, CURRENT, CURRLIAB, EQUITY, FIXED… */
  xeroType: string;
  /** True for the bank account payments are made into/from. */
  isBank: boolean;
  /**
   * Absent means both systems. NAV keeps separate sales and purchase VAT accounts where Xero has the
   * one VAT account 820, so "5630 Purchase VAT" is NAV-only with xeroCode "820" (where it maps to).
   */
  presence?: Presence;
}

export interface DemoTaxRate {
  /** Xero TaxType, e.g. "OUTPUT2". */
  xeroTaxType: string;
  /** NAV VAT Prod. Posting Group, e.g. "VAT20". */
  navVatGroup: string;
  name: string;
  /** Percentage as a decimal string, e.g. "20". */
  ratePercent: string;
  appliesTo: 'SALES' | 'PURCHASES' | 'BOTH';
}

export interface DemoPaymentTerms {
  code: string; // NAV code, e.g. "30 DAYS"
  days: number;
  description?: string;
  /** NAV Due Date Calculation, e.g. "30D"; "CM" (current month) means the last day of the posting month, days is then 0. */
  dueDateCalculation?: string;
}

export interface DemoDimensionValue {
  code: string;
  name: string;
}

export interface DemoDimension {
  /** NAV dimension code, e.g. "DEPARTMENT"; a Xero tracking category of the same name. */
  code: string;
  name: string;
  values: DemoDimensionValue[];
}

export interface DemoAddress {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  region?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface DemoParty {
  /** NAV No. (customer "C00010", vendor "V00010"); Xero keeps it in ContactNumber. */
  no: string;
  /** Stable GUID for the Xero ContactID / BC id. */
  id: string;
  name: string;
  email?: string;
  phone?: string;
  address: DemoAddress;
  currency: string;
  /** VAT registration number / Xero TaxNumber. */
  taxNumber?: string;
  paymentTermsCode: string;
  /** NAV Blocked option: "" (not blocked), "Ship", "Invoice", "All" (vendors: "", "Payment", "All"). */
  blocked: '' | 'Ship' | 'Invoice' | 'Payment' | 'All';
  /** Xero archived the contact. */
  archived: boolean;
  lastModified: string;
  presence: Presence;
}

export interface DemoCustomer extends DemoParty {
  creditLimit: string;
}

export type DemoVendor = DemoParty;

export interface DemoItem {
  no: string; // NAV No. and Xero Item Code
  id: string; // Xero ItemID / BC id
  description: string;
  type: 'Inventory' | 'Service' | 'Non-Inventory';
  baseUnitOfMeasure: string;
  unitPrice: string;
  unitCost: string;
  salesAccountNo: string; // NAV G/L No. (map to Xero through DemoAccount)
  purchaseAccountNo: string;
  vatGroup: string; // DemoTaxRate.navVatGroup
  blocked: boolean;
  lastModified: string;
  presence: Presence;
}

export interface DemoLine {
  lineNo: number; // 10000, 20000, … as NAV numbers lines
  type: 'Item' | 'G/L Account';
  /** Item No. or G/L account No. */
  no: string;
  description: string;
  quantity: string;
  unitPrice: string;
  /** Line discount percentage, "0" for none. */
  discountPercent: string;
  vatGroup: string;
  /** Dimension code → value code. At most two dimensions (Xero allows two tracking categories). */
  dimensions: Record<string, string>;
}

export interface DemoDocument {
  /** NAV document No. (posted number for posted documents); Xero InvoiceNumber for ACCREC, Reference for ACCPAY. */
  no: string;
  /** Stable GUID for the Xero InvoiceID / BC id. */
  id: string;
  /** Customer No. for sales documents, vendor No. for purchase documents. */
  partyNo: string;
  postingDate: string;
  dueDate: string;
  currency: string;
  /** Prices on lines exclude VAT (Xero LineAmountTypes Exclusive) unless this is true. */
  pricesIncludeVat: boolean;
  /** Posted in NAV (posted invoice); false means an open draft/document. */
  posted: boolean;
  /** Xero status when present in Xero. */
  xeroStatus: 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED';
  /** Vendor's own invoice number (purchase documents only). */
  vendorInvoiceNo?: string;
  externalDocumentNo?: string;
  lines: DemoLine[];
  lastModified: string;
  presence: Presence;
}

export interface DemoSalesOrder {
  no: string;
  id: string;
  customerNo: string;
  orderDate: string;
  requestedDeliveryDate?: string;
  currency: string;
  status: 'Open' | 'Released';
  lines: DemoLine[];
  lastModified: string;
}

export interface DemoPayment {
  id: string;
  /** RECEIVED: customer pays a sales invoice; MADE: we pay a purchase invoice. */
  direction: 'RECEIVED' | 'MADE';
  /** The document paid (DemoDocument.no). */
  documentNo: string;
  partyNo: string;
  date: string;
  amount: string;
  currency: string;
  /** Bank account (DemoAccount.navNo). */
  bankAccountNo: string;
  reference: string;
  presence: Presence;
}

export interface DemoCompany {
  /** NAV company name and Xero organisation name. */
  name: string;
  /** Stable GUID for the BC company id and the Xero tenant id. */
  id: string;
  baseCurrency: string;
  currencies: string[];
  accounts: DemoAccount[];
  taxRates: DemoTaxRate[];
  paymentTerms: DemoPaymentTerms[];
  dimensions: DemoDimension[];
  customers: DemoCustomer[];
  vendors: DemoVendor[];
  items: DemoItem[];
  salesOrders: DemoSalesOrder[];
  salesInvoices: DemoDocument[];
  purchaseInvoices: DemoDocument[];
  payments: DemoPayment[];
}

export interface DemoOptions {
  seed: number;
  customers: number;
  vendors: number;
  items: number;
  salesInvoices: number;
  purchaseInvoices: number;
  salesOrders: number;
  /** Fraction (0..1) of posted sales invoices that have a payment. */
  paidShare: number;
  /** "Today" for the generated data; fixed so output is deterministic. */
  asOf: string;
}
