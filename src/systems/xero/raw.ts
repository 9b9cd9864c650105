// What the xero-node SDK hands back, validated at the boundary. The SDK has already turned Xero's
// PascalCase into camelCase and `/Date(…)/` into Date objects; money arrives as JS numbers parsed
// from Xero's decimal text (≤ 4 decimal places, well inside a double's exact range) and is turned
// into decimal.js at once by the mapper. Unknown fields pass through untouched.
import { z } from 'zod';

const str = z.string().nullish();
const num = z.number().nullish();
const bool = z.boolean().nullish();
/** An instant or a calendar day: a Date from the SDK, or text in an unusual response. */
const dateish = z.union([z.date(), z.string()]).nullish();

export const rawValidationError = z.looseObject({ message: str });

const element = {
  statusAttributeString: str,
  validationErrors: z.array(rawValidationError).nullish(),
  warnings: z.array(rawValidationError).nullish(),
};

export const rawAddress = z.looseObject({
  addressType: str,
  addressLine1: str,
  addressLine2: str,
  addressLine3: str,
  addressLine4: str,
  city: str,
  region: str,
  postalCode: str,
  country: str,
});

export const rawPhone = z.looseObject({
  phoneType: str,
  phoneNumber: str,
  phoneAreaCode: str,
  phoneCountryCode: str,
});

const rawTerm = z.looseObject({ day: num, type: str }).nullish();

export const rawContact = z.looseObject({
  contactID: str,
  contactNumber: str,
  accountNumber: str,
  contactStatus: str,
  name: str,
  emailAddress: str,
  taxNumber: str,
  defaultCurrency: str,
  addresses: z.array(rawAddress).nullish(),
  phones: z.array(rawPhone).nullish(),
  paymentTerms: z.looseObject({ sales: rawTerm, bills: rawTerm }).nullish(),
  isCustomer: bool,
  isSupplier: bool,
  updatedDateUTC: dateish,
  ...element,
});
export type RawContact = z.infer<typeof rawContact>;

export const rawTracking = z.looseObject({
  name: str,
  option: str,
  trackingCategoryID: str,
  trackingOptionID: str,
});

export const rawLineItem = z.looseObject({
  lineItemID: str,
  description: str,
  quantity: num,
  unitAmount: num,
  itemCode: str,
  accountCode: str,
  taxType: str,
  taxAmount: num,
  lineAmount: num,
  discountRate: num,
  tracking: z.array(rawTracking).nullish(),
});
export type RawLineItem = z.infer<typeof rawLineItem>;

export const rawInvoice = z.looseObject({
  type: str,
  invoiceID: str,
  invoiceNumber: str,
  reference: str,
  contact: z.looseObject({ contactID: str, contactNumber: str, name: str }).nullish(),
  date: dateish,
  dueDate: dateish,
  status: str,
  lineAmountTypes: str,
  lineItems: z.array(rawLineItem).nullish(),
  subTotal: num,
  totalTax: num,
  total: num,
  amountDue: num,
  amountPaid: num,
  currencyCode: str,
  currencyRate: num,
  updatedDateUTC: dateish,
  hasErrors: bool,
  ...element,
});
export type RawInvoice = z.infer<typeof rawInvoice>;

const rawPurchaseDetails = z.looseObject({ unitPrice: num, accountCode: str, taxType: str }).nullish();

export const rawItem = z.looseObject({
  itemID: str,
  code: str,
  name: str,
  description: str,
  purchaseDescription: str,
  isTrackedAsInventory: bool,
  quantityOnHand: num,
  isSold: bool,
  isPurchased: bool,
  salesDetails: rawPurchaseDetails,
  purchaseDetails: rawPurchaseDetails,
  updatedDateUTC: dateish,
  ...element,
});
export type RawItem = z.infer<typeof rawItem>;

export const rawPayment = z.looseObject({
  paymentID: str,
  date: dateish,
  amount: num,
  currencyRate: num,
  reference: str,
  status: str,
  paymentType: str,
  invoice: z
    .looseObject({
      invoiceID: str,
      invoiceNumber: str,
      reference: str,
      type: str,
      currencyCode: str,
      contact: z.looseObject({ contactID: str, contactNumber: str }).nullish(),
    })
    .nullish(),
  account: z.looseObject({ accountID: str, code: str }).nullish(),
  updatedDateUTC: dateish,
  ...element,
});
export type RawPayment = z.infer<typeof rawPayment>;

export const rawTrackingOption = z.looseObject({
  trackingOptionID: str,
  name: str,
  status: str,
  trackingCategoryID: str,
});
export type RawTrackingOption = z.infer<typeof rawTrackingOption>;

export const rawTrackingCategory = z.looseObject({
  trackingCategoryID: str,
  name: str,
  status: str,
  options: z.array(rawTrackingOption).nullish(),
});
export type RawTrackingCategory = z.infer<typeof rawTrackingCategory>;

export const rawPagination = z
  .looseObject({ page: num, pageSize: num, pageCount: num, itemCount: num })
  .nullish();

/** Xero's own error bodies (PascalCase: they reach us untouched through the SDK's rejection). */
export const rawXeroErrorBody = z.looseObject({
  ErrorNumber: z.number().nullish(),
  Type: z.string().nullish(),
  Message: z.string().nullish(),
  Title: z.string().nullish(),
  Detail: z.string().nullish(),
  Status: z.number().nullish(),
  Elements: z
    .array(
      z.looseObject({
        ValidationErrors: z.array(z.looseObject({ Message: z.string().nullish() })).nullish(),
      }),
    )
    .nullish(),
});
export type RawXeroErrorBody = z.infer<typeof rawXeroErrorBody>;
