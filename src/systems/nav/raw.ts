// Raw* schemas: the wire shapes of NAV OData V4 pages and BC API v2.0 entities, validated at the
// boundary. Numbers arrive as exact digit strings (see json.ts); decimals become decimal.js values.
import { Decimal } from 'decimal.js';
import { z } from 'zod';

const numeric = z.union([z.string(), z.number()]);
export const dec = numeric.transform((v, ctx) => {
  try {
    return new Decimal(String(v));
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${String(v)}" is not a decimal` });
    return z.NEVER;
  }
});
export const int = numeric.transform((v) => Number(v));
const str = z
  .string()
  .nullable()
  .transform((v) => v ?? '');
const bool = z.union([z.boolean(), z.string().transform((v) => v === 'true')]);
const etag = z.string().optional();

// ---------- NAV 2017/2018 OData V4 pages ----------

export const RawNavParty = z.object({
  '@odata.etag': etag,
  No: z.string(),
  Name: str,
  Address: str.optional(),
  Address_2: str.optional(),
  City: str.optional(),
  County: str.optional(),
  Post_Code: str.optional(),
  Country_Region_Code: str.optional(),
  Phone_No: str.optional(),
  E_Mail: str.optional(),
  VAT_Registration_No: str.optional(),
  Currency_Code: str.optional(),
  Payment_Terms_Code: str.optional(),
  Credit_Limit_LCY: dec.optional(),
  Blocked: str,
  Last_Date_Modified: z.string().optional(),
});
export type RawNavParty = z.output<typeof RawNavParty>;

export const RawNavItem = z.object({
  '@odata.etag': etag,
  No: z.string(),
  Description: str,
  Type: str,
  Base_Unit_of_Measure: str.optional(),
  Unit_Price: dec.optional(),
  Unit_Cost: dec.optional(),
  VAT_Prod_Posting_Group: str.optional(),
  Gen_Prod_Posting_Group: str.optional(),
  Inventory: dec.optional(),
  Blocked: bool,
  Last_Date_Modified: z.string().optional(),
});
export type RawNavItem = z.output<typeof RawNavItem>;

export const RawNavLine = z.object({
  '@odata.etag': etag,
  Line_No: int,
  Type: str,
  No: str,
  Description: str.optional(),
  Quantity: dec,
  Unit_of_Measure_Code: str.optional(),
  Unit_Price: dec.optional(),
  Direct_Unit_Cost: dec.optional(),
  Line_Discount_Percent: dec.optional(),
  Line_Amount: dec,
  VAT_Prod_Posting_Group: str.optional(),
  Shortcut_Dimension_1_Code: str.optional(),
  Shortcut_Dimension_2_Code: str.optional(),
  Quantity_Shipped: dec.optional(),
  Quantity_Invoiced: dec.optional(),
  Outstanding_Quantity: dec.optional(),
});
export type RawNavLine = z.output<typeof RawNavLine>;

/** Sales/purchase headers, unposted (SalesInvoice, SalesOrder, PurchaseInvoice) or posted. */
export const RawNavDocument = z.object({
  '@odata.etag': etag,
  Document_Type: str.optional(),
  No: z.string(),
  Sell_to_Customer_No: str.optional(),
  Buy_from_Vendor_No: str.optional(),
  Vendor_Invoice_No: str.optional(),
  Posting_Date: z.string().optional(),
  Document_Date: z.string().optional(),
  Order_Date: z.string().optional(),
  Due_Date: z.string().optional(),
  External_Document_No: str.optional(),
  Currency_Code: str.optional(),
  Currency_Factor: dec.optional(),
  Prices_Including_VAT: bool.optional(),
  Status: str.optional(),
  Amount: dec,
  Amount_Including_VAT: dec,
  Remaining_Amount: dec.optional(),
  Closed: bool.optional(),
  Cancelled: bool.optional(),
  Pre_Assigned_No: str.optional(),
  Order_No: str.optional(),
  lines: z.array(RawNavLine).optional(),
});
export type RawNavDocument = z.output<typeof RawNavDocument>;

export const RawNavGLEntry = z.object({
  '@odata.etag': etag,
  Entry_No: int,
  Posting_Date: z.string(),
  Document_Type: str,
  Document_No: str,
  G_L_Account_No: str,
  G_L_Account_Name: str.optional(),
  Description: str.optional(),
  Debit_Amount: dec,
  Credit_Amount: dec,
  Global_Dimension_1_Code: str.optional(),
  Global_Dimension_2_Code: str.optional(),
});
export type RawNavGLEntry = z.output<typeof RawNavGLEntry>;

export const RawNavJournalLine = z.object({
  '@odata.etag': etag,
  Journal_Template_Name: z.string(),
  Journal_Batch_Name: z.string(),
  Line_No: int,
  Posting_Date: z.string().optional(),
  Document_Type: str.optional(),
  Document_No: str.optional(),
  External_Document_No: str.optional(),
  Account_Type: str.optional(),
  Account_No: str.optional(),
  Amount: dec.optional(),
  Applies_to_Doc_No: str.optional(),
});
export type RawNavJournalLine = z.output<typeof RawNavJournalLine>;

export const RawNavCustLedgerEntry = z.object({
  '@odata.etag': etag,
  Entry_No: int,
  Posting_Date: z.string(),
  Document_Type: str,
  Document_No: str,
  External_Document_No: str.optional(),
  Customer_No: str,
  Description: str.optional(),
  Currency_Code: str.optional(),
  Amount: dec,
  Open: bool.optional(),
  Closed_by_Entry_No: int.optional(),
});
export type RawNavCustLedgerEntry = z.output<typeof RawNavCustLedgerEntry>;

/** Vendor Ledger Entries (page 29): an invoice is negative (owed to the vendor), a payment positive. */
export const RawNavVendLedgerEntry = RawNavCustLedgerEntry.omit({ Customer_No: true }).extend({
  Vendor_No: str,
});
export type RawNavVendLedgerEntry = z.output<typeof RawNavVendLedgerEntry>;

/** The application fields of a customer or vendor ledger entry (which entry closed which). */
export const RawNavApplication = z.object({
  Entry_No: int,
  Document_Type: str,
  Document_No: str,
  Closed_by_Entry_No: int.optional(),
});
export type RawNavApplication = z.output<typeof RawNavApplication>;

/** Dimensions (page 536). */
export const RawNavDimension = z.object({
  '@odata.etag': etag,
  Code: z.string(),
  Name: str,
  Blocked: bool,
});
export type RawNavDimension = z.output<typeof RawNavDimension>;

/** Dimension Values (page 537). */
export const RawNavDimensionValue = z.object({
  Dimension_Code: z.string(),
  Code: z.string(),
  Name: str,
  Blocked: bool,
  Dimension_Value_Type: str.optional(),
});
export type RawNavDimensionValue = z.output<typeof RawNavDimensionValue>;

// ---------- Business Central API v2.0 ----------

export const RawBcParty = z.object({
  '@odata.etag': etag,
  id: z.string(),
  number: str,
  displayName: str,
  addressLine1: str.optional(),
  addressLine2: str.optional(),
  city: str.optional(),
  state: str.optional(),
  country: str.optional(),
  postalCode: str.optional(),
  phoneNumber: str.optional(),
  email: str.optional(),
  taxRegistrationNumber: str.optional(),
  currencyCode: str.optional(),
  creditLimit: dec.optional(),
  blocked: str,
  lastModifiedDateTime: z.string().optional(),
});
export type RawBcParty = z.output<typeof RawBcParty>;

export const RawBcItem = z.object({
  '@odata.etag': etag,
  id: z.string(),
  number: str,
  displayName: str,
  type: str,
  baseUnitOfMeasureCode: str.optional(),
  unitPrice: dec.optional(),
  unitCost: dec.optional(),
  generalProductPostingGroupCode: str.optional(),
  inventory: dec.optional(),
  blocked: bool,
  lastModifiedDateTime: z.string().optional(),
});
export type RawBcItem = z.output<typeof RawBcItem>;

export const RawBcLine = z.object({
  id: z.string().optional(),
  sequence: int,
  lineType: str,
  lineObjectNumber: str,
  description: str.optional(),
  unitOfMeasureCode: str.optional(),
  quantity: dec,
  unitPrice: dec.optional(),
  unitCost: dec.optional(),
  discountPercent: dec.optional(),
  amountExcludingTax: dec,
  totalTaxAmount: dec.optional(),
  amountIncludingTax: dec.optional(),
  taxCode: str.optional(),
  shippedQuantity: dec.optional(),
  invoicedQuantity: dec.optional(),
});
export type RawBcLine = z.output<typeof RawBcLine>;

export const RawBcDocument = z.object({
  '@odata.etag': etag,
  id: z.string(),
  number: str,
  externalDocumentNumber: str.optional(),
  vendorInvoiceNumber: str.optional(),
  invoiceDate: z.string().optional(),
  orderDate: z.string().optional(),
  postingDate: z.string().optional(),
  dueDate: z.string().optional(),
  customerNumber: str.optional(),
  vendorNumber: str.optional(),
  customerId: z.string().optional(),
  vendorId: z.string().optional(),
  currencyCode: str.optional(),
  pricesIncludeTax: bool.optional(),
  totalAmountExcludingTax: dec,
  totalTaxAmount: dec,
  totalAmountIncludingTax: dec,
  remainingAmount: dec.optional(),
  orderNumber: str.optional(),
  status: str,
  lastModifiedDateTime: z.string().optional(),
  lines: z.array(RawBcLine).optional(),
});
export type RawBcDocument = z.output<typeof RawBcDocument>;

export const RawBcGLEntry = z.object({
  '@odata.etag': etag,
  id: z.string(),
  entryNumber: int,
  postingDate: z.string(),
  documentNumber: str,
  documentType: str,
  accountNumber: str,
  description: str.optional(),
  debitAmount: dec,
  creditAmount: dec,
  lastModifiedDateTime: z.string().optional(),
});
export type RawBcGLEntry = z.output<typeof RawBcGLEntry>;

export const RawBcCustomerPayment = z.object({
  '@odata.etag': etag,
  id: z.string(),
  journalId: z.string().optional(),
  lineNumber: int.optional(),
  customerNumber: str.optional(),
  postingDate: z.string().optional(),
  documentNumber: str.optional(),
  externalDocumentNumber: str.optional(),
  amount: dec,
  appliesToInvoiceNumber: str.optional(),
  lastModifiedDateTime: z.string().optional(),
});
export type RawBcCustomerPayment = z.output<typeof RawBcCustomerPayment>;

/** OData collection envelope. */
export const RawBcDimensionValue = z.object({
  id: z.string(),
  code: z.string(),
  displayName: str,
  lastModifiedDateTime: z.string().optional(),
});
export type RawBcDimensionValue = z.output<typeof RawBcDimensionValue>;

/** A dimension with its dimensionValues expanded (moved to `lines`). */
export const RawBcDimension = z.object({
  '@odata.etag': etag,
  id: z.string(),
  code: z.string(),
  displayName: str,
  lastModifiedDateTime: z.string().optional(),
  lines: z.array(RawBcDimensionValue).optional(),
});
export type RawBcDimension = z.output<typeof RawBcDimension>;

export const RawCollection = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
});
