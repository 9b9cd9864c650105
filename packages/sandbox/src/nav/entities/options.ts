// Option members of the tables both dialects serve, unencoded ("" is the blank option): NAV's pages
// publish them as option fields, BC's API v2.0 as enum types over the same members.
import type { AccountClass, GLAccount } from '../state.js';

export const CUSTOMER_BLOCKED = ['', 'Ship', 'Invoice', 'All'] as const;
export const VENDOR_BLOCKED = ['', 'Payment', 'All'] as const;
export const ITEM_TYPE = ['Inventory', 'Service', 'Non-Inventory'] as const;
export const GL_ACCOUNT_CATEGORY = [
  '',
  'Assets',
  'Liabilities',
  'Equity',
  'Income',
  'Cost of Goods Sold',
  'Expense',
] as const;
export const GL_ACCOUNT_TYPE = ['Posting', 'Heading', 'Total', 'Begin-Total', 'End-Total'] as const;
export const JOURNAL_ACCOUNT_TYPE = [
  'G/L Account',
  'Customer',
  'Vendor',
  'Bank Account',
  'Fixed Asset',
  'IC Partner',
  'Employee',
] as const;
export const JOURNAL_DOCUMENT_TYPE = [
  '',
  'Payment',
  'Invoice',
  'Credit Memo',
  'Finance Charge Memo',
  'Reminder',
  'Refund',
] as const;
export const DIMENSION_VALUE_POSTING = ['', 'Code Mandatory', 'Same Code', 'No Code'] as const;

const CATEGORY_OF_CLASS: Record<AccountClass, (typeof GL_ACCOUNT_CATEGORY)[number]> = {
  ASSET: 'Assets',
  LIABILITY: 'Liabilities',
  EQUITY: 'Equity',
  REVENUE: 'Income',
  EXPENSE: 'Expense',
};

/** The G/L account's Account Category, from the demo chart's class. */
export const accountCategory = (r: GLAccount): string => CATEGORY_OF_CLASS[r.accountClass];
