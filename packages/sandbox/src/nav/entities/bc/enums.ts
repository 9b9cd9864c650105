// Business Central API v2.0 enum types (member names as in Microsoft.NAV, unencoded).
export const bcEnums = {
  contactType: ['Company', 'Person'],
  customerBlocked: ['', 'Ship', 'Invoice', 'All'],
  vendorBlocked: ['', 'Payment', 'All'],
  itemType: ['Inventory', 'Service', 'Non-Inventory'],
  salesOrderEntityBufferStatus: ['Draft', 'In Review', 'Open'],
  invoiceEntityAggregateStatus: ['', 'Draft', 'In Review', 'Open', 'Paid', 'Canceled', 'Corrective'],
  invoiceLineAggLineType: ['Comment', 'Account', 'Item', 'Resource', 'Fixed Asset', 'Charge'],
  glAccountCategory: ['', 'Assets', 'Liabilities', 'Equity', 'Income', 'Cost of Goods Sold', 'Expense'],
  glAccountType: ['Posting', 'Heading', 'Total', 'Begin-Total', 'End-Total'],
  genJournalAccountType: [
    'G/L Account',
    'Customer',
    'Vendor',
    'Bank Account',
    'Fixed Asset',
    'IC Partner',
    'Employee',
  ],
  genJournalDocumentType: [
    '',
    'Payment',
    'Invoice',
    'Credit Memo',
    'Finance Charge Memo',
    'Reminder',
    'Refund',
  ],
  defaultDimensionParentType: ['', 'Customer', 'Item', 'Vendor', 'Employee'],
  defaultDimensionValuePostingType: ['', 'Code Mandatory', 'Same Code', 'No Code'],
} as const;

export type BcEnum = keyof typeof bcEnums;
