// NAV 2017/2018 published pages for master data: Customer (page 21), Vendor (26), Item (30),
// Chart_of_Accounts (16). Field names are NAV's mangled control names (No, Credit_Limit_LCY…);
// option values go on the wire XML-encoded ("_x0020_" for blank).
import { defineEntity, field, type FieldDef } from '../../odata/edm.js';
import type { Customer, GLAccount, Item, Party, Vendor } from '../../state.js';
import { customerBalance, customerBalanceDue, netChange, optionField, vendorBalance } from '../fields.js';
import {
  deleteCustomer,
  deleteItem,
  deleteVendor,
  insertCustomer,
  insertItem,
  insertVendor,
  newCustomer,
  newItem,
  newVendor,
  touch,
} from '../ops.js';
import {
  accountCategory,
  CUSTOMER_BLOCKED,
  GL_ACCOUNT_CATEGORY,
  GL_ACCOUNT_TYPE,
  ITEM_TYPE,
  VENDOR_BLOCKED,
} from '../options.js';
import { bool, dayOf, num, str } from '../wire.js';

function partyFields<R extends Party>(): FieldDef<R>[] {
  return [
    field<R>(
      'No',
      'Edm.String',
      (r) => r.no,
      (r, v) => (r.no = str(v)),
      { maxLength: 20 },
    ),
    field<R>(
      'Name',
      'Edm.String',
      (r) => r.name,
      (r, v) => (r.name = str(v)),
      { maxLength: 50 },
    ),
    field<R>(
      'Address',
      'Edm.String',
      (r) => r.address,
      (r, v) => (r.address = str(v)),
      { maxLength: 50 },
    ),
    field<R>(
      'Address_2',
      'Edm.String',
      (r) => r.address2,
      (r, v) => (r.address2 = str(v)),
      { maxLength: 50 },
    ),
    field<R>(
      'City',
      'Edm.String',
      (r) => r.city,
      (r, v) => (r.city = str(v)),
      { maxLength: 30 },
    ),
    field<R>(
      'County',
      'Edm.String',
      (r) => r.county,
      (r, v) => (r.county = str(v)),
      { maxLength: 30 },
    ),
    field<R>(
      'Post_Code',
      'Edm.String',
      (r) => r.postCode,
      (r, v) => (r.postCode = str(v)),
      { maxLength: 20 },
    ),
    field<R>(
      'Country_Region_Code',
      'Edm.String',
      (r) => r.country,
      (r, v) => (r.country = str(v)),
      { maxLength: 10 },
    ),
    field<R>(
      'Phone_No',
      'Edm.String',
      (r) => r.phone,
      (r, v) => (r.phone = str(v)),
      { maxLength: 30 },
    ),
    field<R>(
      'E_Mail',
      'Edm.String',
      (r) => r.email,
      (r, v) => (r.email = str(v)),
      { maxLength: 80 },
    ),
    field<R>(
      'Home_Page',
      'Edm.String',
      (r) => r.website,
      (r, v) => (r.website = str(v)),
      { maxLength: 80 },
    ),
    field<R>(
      'VAT_Registration_No',
      'Edm.String',
      (r) => r.vatRegNo,
      (r, v) => (r.vatRegNo = str(v)),
      { maxLength: 20 },
    ),
    field<R>(
      'Currency_Code',
      'Edm.String',
      (r) => r.currency,
      (r, v) => (r.currency = str(v)),
      { maxLength: 10 },
    ),
    field<R>(
      'Payment_Terms_Code',
      'Edm.String',
      (r) => r.paymentTermsCode,
      (r, v) => (r.paymentTermsCode = str(v)),
      { maxLength: 10 },
    ),
  ];
}

/**
 * A field a NAV partner added to the table and its page (a Text[100]): published like any other
 * field, its value kept beside the record's own (see NavSandboxOptions.extensionFields).
 */
export function extensionField(name: string): FieldDef<object> {
  const values = (r: object) => r as { extension?: Record<string, string> };
  return field<object>(
    name,
    'Edm.String',
    (r) => values(r).extension?.[name] ?? '',
    (r, v) => {
      (values(r).extension ??= {})[name] = str(v);
    },
    { maxLength: 100 },
  );
}

export const navCustomer = defineEntity<Customer>({
  typeName: 'Customer',
  setName: 'Customer',
  caption: 'Customer',
  keys: ['No'],
  fields: [
    ...partyFields<Customer>(),
    field('Customer_Posting_Group', 'Edm.String', () => 'DOMESTIC'),
    field('Gen_Bus_Posting_Group', 'Edm.String', () => 'DOMESTIC'),
    field('VAT_Bus_Posting_Group', 'Edm.String', () => 'DOMESTIC'),
    field(
      'Credit_Limit_LCY',
      'Edm.Decimal',
      (r) => r.creditLimit,
      (r, v) => (r.creditLimit = num(v)),
    ),
    field('Balance_LCY', 'Edm.Decimal', (r, ctx) => customerBalance(ctx, r.no)),
    field('Balance_Due_LCY', 'Edm.Decimal', (r, ctx) => customerBalanceDue(ctx, r.no)),
    optionField<Customer>(
      'Blocked',
      CUSTOMER_BLOCKED,
      (r) => r.blocked,
      (r, v) => (r.blocked = v as Customer['blocked']),
    ),
    field('Last_Date_Modified', 'Edm.Date', (r) => dayOf(r.modifiedAt)),
  ],
  list: (ctx) => ctx.state.customers,
  identity: (r) => r,
  create: newCustomer,
  insert: (r, ctx) => insertCustomer(ctx, r),
  modified: touch,
  remove: (r, ctx) => deleteCustomer(ctx, r),
  webhookSet: 'customers',
});

export const navVendor = defineEntity<Vendor>({
  typeName: 'Vendor',
  setName: 'Vendor',
  caption: 'Vendor',
  keys: ['No'],
  fields: [
    ...partyFields<Vendor>(),
    field('Vendor_Posting_Group', 'Edm.String', () => 'DOMESTIC'),
    field('Balance_LCY', 'Edm.Decimal', (r, ctx) => vendorBalance(ctx, r.no)),
    optionField<Vendor>(
      'Blocked',
      VENDOR_BLOCKED,
      (r) => r.blocked,
      (r, v) => (r.blocked = v as Vendor['blocked']),
    ),
    field('Last_Date_Modified', 'Edm.Date', (r) => dayOf(r.modifiedAt)),
  ],
  list: (ctx) => ctx.state.vendors,
  identity: (r) => r,
  create: newVendor,
  insert: (r, ctx) => insertVendor(ctx, r),
  modified: touch,
  remove: (r, ctx) => deleteVendor(ctx, r),
  webhookSet: 'vendors',
});

export const navItem = defineEntity<Item>({
  typeName: 'Item',
  setName: 'Item',
  caption: 'Item',
  keys: ['No'],
  fields: [
    field(
      'No',
      'Edm.String',
      (r) => r.no,
      (r, v) => (r.no = str(v)),
      { maxLength: 20 },
    ),
    field(
      'Description',
      'Edm.String',
      (r) => r.description,
      (r, v) => (r.description = str(v)),
      { maxLength: 50 },
    ),
    optionField<Item>(
      'Type',
      ITEM_TYPE,
      (r) => r.type,
      (r, v) => (r.type = v as Item['type']),
    ),
    field(
      'Base_Unit_of_Measure',
      'Edm.String',
      (r) => r.baseUnitOfMeasure,
      (r, v) => (r.baseUnitOfMeasure = str(v)),
      { maxLength: 10 },
    ),
    field(
      'Unit_Price',
      'Edm.Decimal',
      (r) => r.unitPrice,
      (r, v) => (r.unitPrice = num(v)),
    ),
    field(
      'Unit_Cost',
      'Edm.Decimal',
      (r) => r.unitCost,
      (r, v) => (r.unitCost = num(v)),
    ),
    field('Inventory', 'Edm.Decimal', (r) => r.inventory),
    field('Gen_Prod_Posting_Group', 'Edm.String', (r) => (r.type === 'Service' ? 'SERVICES' : 'RETAIL')),
    field(
      'VAT_Prod_Posting_Group',
      'Edm.String',
      (r) => r.vatGroup,
      (r, v) => (r.vatGroup = str(v)),
      { maxLength: 20 },
    ),
    field(
      'Blocked',
      'Edm.Boolean',
      (r) => r.blocked,
      (r, v) => (r.blocked = bool(v)),
    ),
    field('Last_Date_Modified', 'Edm.Date', (r) => dayOf(r.modifiedAt)),
  ],
  list: (ctx) => ctx.state.items,
  identity: (r) => r,
  create: newItem,
  insert: (r, ctx) => insertItem(ctx, r),
  modified: touch,
  remove: (r, ctx) => deleteItem(ctx, r),
  webhookSet: 'items',
});

const incomeBalance = (r: GLAccount) =>
  r.accountClass === 'REVENUE' || r.accountClass === 'EXPENSE' ? 'Income Statement' : 'Balance Sheet';

export const navChartOfAccounts = defineEntity<GLAccount>({
  typeName: 'Chart_of_Accounts',
  setName: 'Chart_of_Accounts',
  caption: 'G/L Account',
  keys: ['No'],
  fields: [
    field('No', 'Edm.String', (r) => r.no),
    field(
      'Name',
      'Edm.String',
      (r) => r.name,
      (r, v) => (r.name = str(v)),
      { maxLength: 50 },
    ),
    optionField<GLAccount>('Income_Balance', ['Income Statement', 'Balance Sheet'], incomeBalance),
    optionField<GLAccount>('Account_Category', GL_ACCOUNT_CATEGORY, accountCategory),
    optionField<GLAccount>('Account_Type', GL_ACCOUNT_TYPE, () => 'Posting'),
    field(
      'Direct_Posting',
      'Edm.Boolean',
      (r) => r.directPosting,
      (r, v) => (r.directPosting = bool(v)),
    ),
    field(
      'Blocked',
      'Edm.Boolean',
      (r) => r.blocked,
      (r, v) => (r.blocked = bool(v)),
    ),
    field('Net_Change', 'Edm.Decimal', (r, ctx) => netChange(ctx, r.no)),
    field('Balance', 'Edm.Decimal', (r, ctx) => netChange(ctx, r.no)),
  ],
  list: (ctx) => ctx.state.accounts,
  identity: (r) => r,
  modified: touch,
  webhookSet: 'accounts',
});
