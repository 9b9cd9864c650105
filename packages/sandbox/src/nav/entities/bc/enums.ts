// Business Central API v2.0 enum types (member names as in Microsoft.NAV, unencoded). Enums over a
// table's option take its members from the options both dialects share.
import {
  CUSTOMER_BLOCKED,
  DIMENSION_VALUE_POSTING,
  GL_ACCOUNT_CATEGORY,
  GL_ACCOUNT_TYPE,
  ITEM_TYPE,
  JOURNAL_ACCOUNT_TYPE,
  JOURNAL_DOCUMENT_TYPE,
  VENDOR_BLOCKED,
} from '../options.js';

export const bcEnums = {
  contactType: ['Company', 'Person'],
  customerBlocked: CUSTOMER_BLOCKED,
  vendorBlocked: VENDOR_BLOCKED,
  itemType: ITEM_TYPE,
  salesOrderEntityBufferStatus: ['Draft', 'In Review', 'Open'],
  invoiceEntityAggregateStatus: ['', 'Draft', 'In Review', 'Open', 'Paid', 'Canceled', 'Corrective'],
  invoiceLineAggLineType: ['Comment', 'Account', 'Item', 'Resource', 'Fixed Asset', 'Charge'],
  glAccountCategory: GL_ACCOUNT_CATEGORY,
  glAccountType: GL_ACCOUNT_TYPE,
  genJournalAccountType: JOURNAL_ACCOUNT_TYPE,
  genJournalDocumentType: JOURNAL_DOCUMENT_TYPE,
  defaultDimensionParentType: ['', 'Customer', 'Item', 'Vendor', 'Employee'],
  defaultDimensionValuePostingType: DIMENSION_VALUE_POSTING,
} as const;

export type BcEnum = keyof typeof bcEnums;
