// BC API v2.0 master data: customers, vendors, items, accounts, generalLedgerEntries, dimensions,
// dimensionValues, defaultDimensions — property names, types and enums as in Microsoft.NAV.
import type { NavContext } from '../../context.js';
import { ZERO } from '../../decimal.js';
import { errors } from '../../errors.js';
import { codeGuid } from '../../ids.js';
import { defineEntity, field, type FieldDef } from '../../odata/edm.js';
import type {
  Tracked,
  Customer,
  DefaultDimension,
  DefaultDimTable,
  Dimension,
  DimensionValue,
  GLAccount,
  GLEntry,
  Item,
  Party,
  Vendor,
} from '../../state.js';
import { customerBalanceDue, netChange, vendorBalance } from '../nav/master.js';
import {
  deleteCustomer,
  deleteItem,
  deleteVendor,
  insertCustomer,
  insertDefaultDimension,
  insertDimension,
  insertDimensionValue,
  insertItem,
  insertVendor,
  newCustomer,
  newItem,
  newVendor,
  removeFrom,
} from '../ops.js';
import { bool, EMPTY_GUID, instant, num, str } from '../wire.js';
import {
  currencyCode,
  currencyId,
  enumField,
  idField,
  modifiedField,
  setCurrency,
  termsId,
} from './common.js';

const touch = (r: Tracked, ctx: NavContext) => ctx.state.touch(r);

function setTermsById(ctx: NavContext, r: Party, id: string): void {
  if (id === EMPTY_GUID) {
    r.paymentTermsCode = '';
    return;
  }
  const code = [...ctx.state.paymentTerms.keys()].find((c) => termsId(c) === id);
  if (code === undefined) throw errors.recordNotFound('Payment Terms', `Id='${id}'`);
  r.paymentTermsCode = code;
}

function partyFields<R extends Party>(): FieldDef<R>[] {
  return [
    idField<R>(),
    field<R>(
      'number',
      'Edm.String',
      (r) => r.no,
      (r, v) => (r.no = str(v)),
      { maxLength: 20 },
    ),
    field<R>(
      'displayName',
      'Edm.String',
      (r) => r.name,
      (r, v) => (r.name = str(v)),
      { maxLength: 100 },
    ),
  ];
}

function contactFields<R extends Party>(): FieldDef<R>[] {
  return [
    field<R>(
      'addressLine1',
      'Edm.String',
      (r) => r.address,
      (r, v) => (r.address = str(v)),
      { maxLength: 100 },
    ),
    field<R>(
      'addressLine2',
      'Edm.String',
      (r) => r.address2,
      (r, v) => (r.address2 = str(v)),
      { maxLength: 50 },
    ),
    field<R>(
      'city',
      'Edm.String',
      (r) => r.city,
      (r, v) => (r.city = str(v)),
      { maxLength: 30 },
    ),
    field<R>(
      'state',
      'Edm.String',
      (r) => r.county,
      (r, v) => (r.county = str(v)),
      { maxLength: 30 },
    ),
    field<R>(
      'country',
      'Edm.String',
      (r) => r.country,
      (r, v) => (r.country = str(v)),
      { maxLength: 10 },
    ),
    field<R>(
      'postalCode',
      'Edm.String',
      (r) => r.postCode,
      (r, v) => (r.postCode = str(v)),
      { maxLength: 20 },
    ),
    field<R>(
      'phoneNumber',
      'Edm.String',
      (r) => r.phone,
      (r, v) => (r.phone = str(v)),
      { maxLength: 30 },
    ),
    field<R>(
      'email',
      'Edm.String',
      (r) => r.email,
      (r, v) => (r.email = str(v)),
      { maxLength: 80 },
    ),
    field<R>(
      'website',
      'Edm.String',
      (r) => r.website,
      (r, v) => (r.website = str(v)),
      { maxLength: 80 },
    ),
  ];
}

export const bcCustomer = defineEntity<Customer>({
  typeName: 'customer',
  setName: 'customers',
  caption: 'Customer',
  keys: ['id'],
  fields: [
    ...partyFields<Customer>(),
    enumField<Customer>('type', 'contactType', () => 'Company'),
    ...contactFields<Customer>(),
    field('salespersonCode', 'Edm.String', () => ''),
    field('balanceDue', 'Edm.Decimal', (r, ctx) => customerBalanceDue(ctx, r.no)),
    field(
      'creditLimit',
      'Edm.Decimal',
      (r) => r.creditLimit,
      (r, v) => (r.creditLimit = num(v)),
    ),
    field(
      'taxLiable',
      'Edm.Boolean',
      (r) => r.taxLiable,
      (r, v) => (r.taxLiable = bool(v)),
    ),
    field('taxAreaId', 'Edm.Guid', () => EMPTY_GUID),
    field('taxAreaDisplayName', 'Edm.String', () => ''),
    field(
      'taxRegistrationNumber',
      'Edm.String',
      (r) => r.vatRegNo,
      (r, v) => (r.vatRegNo = str(v)),
      { maxLength: 20 },
    ),
    field('currencyId', 'Edm.Guid', (r) => currencyId(r.currency)),
    field(
      'currencyCode',
      'Edm.String',
      (r, ctx) => currencyCode(ctx, r.currency),
      (r, v, ctx) => setCurrency(ctx, r, str(v)),
    ),
    field(
      'paymentTermsId',
      'Edm.Guid',
      (r) => termsId(r.paymentTermsCode),
      (r, v, ctx) => setTermsById(ctx, r, str(v)),
    ),
    field('shipmentMethodId', 'Edm.Guid', () => EMPTY_GUID),
    field('paymentMethodId', 'Edm.Guid', () => EMPTY_GUID),
    enumField<Customer>(
      'blocked',
      'customerBlocked',
      (r) => r.blocked,
      (r, v) => (r.blocked = v as Customer['blocked']),
    ),
    modifiedField<Customer>(),
  ],
  list: (ctx) => ctx.state.customers,
  identity: (r) => r,
  create: newCustomer,
  insert: (r, ctx) => insertCustomer(ctx, r),
  modified: touch,
  remove: (r, ctx) => deleteCustomer(ctx, r),
  webhookSet: 'customers',
});

export const bcVendor = defineEntity<Vendor>({
  typeName: 'vendor',
  setName: 'vendors',
  caption: 'Vendor',
  keys: ['id'],
  fields: [
    ...partyFields<Vendor>(),
    ...contactFields<Vendor>(),
    field(
      'taxRegistrationNumber',
      'Edm.String',
      (r) => r.vatRegNo,
      (r, v) => (r.vatRegNo = str(v)),
      { maxLength: 20 },
    ),
    field('currencyId', 'Edm.Guid', (r) => currencyId(r.currency)),
    field(
      'currencyCode',
      'Edm.String',
      (r, ctx) => currencyCode(ctx, r.currency),
      (r, v, ctx) => setCurrency(ctx, r, str(v)),
    ),
    field('irs1099Code', 'Edm.String', () => ''),
    field(
      'paymentTermsId',
      'Edm.Guid',
      (r) => termsId(r.paymentTermsCode),
      (r, v, ctx) => setTermsById(ctx, r, str(v)),
    ),
    field('paymentMethodId', 'Edm.Guid', () => EMPTY_GUID),
    field(
      'taxLiable',
      'Edm.Boolean',
      (r) => r.taxLiable,
      (r, v) => (r.taxLiable = bool(v)),
    ),
    enumField<Vendor>(
      'blocked',
      'vendorBlocked',
      (r) => r.blocked,
      (r, v) => (r.blocked = v as Vendor['blocked']),
    ),
    field('balance', 'Edm.Decimal', (r, ctx) => vendorBalance(ctx, r.no)),
    modifiedField<Vendor>(),
  ],
  list: (ctx) => ctx.state.vendors,
  identity: (r) => r,
  create: newVendor,
  insert: (r, ctx) => insertVendor(ctx, r),
  modified: touch,
  remove: (r, ctx) => deleteVendor(ctx, r),
  webhookSet: 'vendors',
});

export const bcItem = defineEntity<Item>({
  typeName: 'item',
  setName: 'items',
  caption: 'Item',
  keys: ['id'],
  fields: [
    idField<Item>(),
    field(
      'number',
      'Edm.String',
      (r) => r.no,
      (r, v) => (r.no = str(v)),
      { maxLength: 20 },
    ),
    field(
      'displayName',
      'Edm.String',
      (r) => r.description,
      (r, v) => (r.description = str(v)),
      { maxLength: 100 },
    ),
    field('displayName2', 'Edm.String', () => ''),
    enumField<Item>(
      'type',
      'itemType',
      (r) => r.type,
      (r, v) => (r.type = v as Item['type']),
    ),
    field('itemCategoryId', 'Edm.Guid', () => EMPTY_GUID),
    field('itemCategoryCode', 'Edm.String', () => ''),
    field(
      'blocked',
      'Edm.Boolean',
      (r) => r.blocked,
      (r, v) => (r.blocked = bool(v)),
    ),
    field('gtin', 'Edm.String', () => ''),
    field('inventory', 'Edm.Decimal', (r) => r.inventory),
    field(
      'unitPrice',
      'Edm.Decimal',
      (r) => r.unitPrice,
      (r, v) => (r.unitPrice = num(v)),
    ),
    field('priceIncludesTax', 'Edm.Boolean', () => false),
    field(
      'unitCost',
      'Edm.Decimal',
      (r) => r.unitCost,
      (r, v) => (r.unitCost = num(v)),
    ),
    field('taxGroupId', 'Edm.Guid', () => EMPTY_GUID),
    field('taxGroupCode', 'Edm.String', () => ''),
    field('baseUnitOfMeasureId', 'Edm.Guid', (r) => codeGuid('unitOfMeasure', r.baseUnitOfMeasure)),
    field(
      'baseUnitOfMeasureCode',
      'Edm.String',
      (r) => r.baseUnitOfMeasure,
      (r, v) => (r.baseUnitOfMeasure = str(v)),
    ),
    field('generalProductPostingGroupId', 'Edm.Guid', (r) =>
      codeGuid('genProdPostingGroup', r.type === 'Service' ? 'SERVICES' : 'RETAIL'),
    ),
    field('generalProductPostingGroupCode', 'Edm.String', (r) =>
      r.type === 'Service' ? 'SERVICES' : 'RETAIL',
    ),
    field('inventoryPostingGroupId', 'Edm.Guid', (r) =>
      r.type === 'Inventory' ? codeGuid('invPostingGroup', 'RESALE') : EMPTY_GUID,
    ),
    field('inventoryPostingGroupCode', 'Edm.String', (r) => (r.type === 'Inventory' ? 'RESALE' : '')),
    modifiedField<Item>(),
  ],
  list: (ctx) => ctx.state.items,
  identity: (r) => r,
  create: newItem,
  insert: (r, ctx) => insertItem(ctx, r),
  modified: touch,
  remove: (r, ctx) => deleteItem(ctx, r),
  webhookSet: 'items',
});

const categoryOf = (r: GLAccount) =>
  ({ ASSET: 'Assets', LIABILITY: 'Liabilities', EQUITY: 'Equity', REVENUE: 'Income', EXPENSE: 'Expense' })[
    r.accountClass
  ];

export const bcAccount = defineEntity<GLAccount>({
  typeName: 'account',
  setName: 'accounts',
  caption: 'G/L Account',
  keys: ['id'],
  fields: [
    idField<GLAccount>(),
    field('number', 'Edm.String', (r) => r.no),
    field('displayName', 'Edm.String', (r) => r.name),
    enumField<GLAccount>('category', 'glAccountCategory', categoryOf),
    field('subCategory', 'Edm.String', () => ''),
    field('blocked', 'Edm.Boolean', (r) => r.blocked),
    enumField<GLAccount>('accountType', 'glAccountType', () => 'Posting'),
    field('directPosting', 'Edm.Boolean', (r) => r.directPosting),
    field('netChange', 'Edm.Decimal', (r, ctx) => netChange(ctx, r.no)),
    field('consolidationTranslationMethod', 'Edm.String', () => 'Average Rate (Manual)'),
    field('consolidationDebitAccount', 'Edm.String', () => ''),
    field('consolidationCreditAccount', 'Edm.String', () => ''),
    field('excludeFromConsolidation', 'Edm.Boolean', () => false),
    modifiedField<GLAccount>(),
  ],
  list: (ctx) => ctx.state.accounts,
  identity: (r) => r,
});

export const bcGeneralLedgerEntry = defineEntity<GLEntry>({
  typeName: 'generalLedgerEntry',
  setName: 'generalLedgerEntries',
  caption: 'G/L Entry',
  keys: ['id'],
  fields: [
    idField<GLEntry>(),
    field('entryNumber', 'Edm.Int32', (r) => r.entryNo),
    field('postingDate', 'Edm.Date', (r) => r.postingDate),
    field('documentNumber', 'Edm.String', (r) => r.documentNo),
    enumField<GLEntry>('documentType', 'genJournalDocumentType', (r) => r.documentType),
    field('accountId', 'Edm.Guid', (r, ctx) => ctx.state.account(r.accountNo)?.id ?? EMPTY_GUID),
    field('accountNumber', 'Edm.String', (r) => r.accountNo),
    field('description', 'Edm.String', (r) => r.description),
    field('debitAmount', 'Edm.Decimal', (r) => (r.amount.isPositive() ? r.amount : ZERO)),
    field('creditAmount', 'Edm.Decimal', (r) => (r.amount.isNegative() ? r.amount.neg() : ZERO)),
    field('additionalCurrencyDebitAmount', 'Edm.Decimal', () => ZERO),
    field('additionalCurrencyCreditAmount', 'Edm.Decimal', () => ZERO),
    modifiedField<GLEntry>(),
  ],
  list: (ctx) => ctx.state.glEntries,
  identity: (r) => r,
});

export const bcDimensionValue = defineEntity<DimensionValue>({
  typeName: 'dimensionValue',
  setName: 'dimensionValues',
  caption: 'Dimension Value',
  keys: ['id'],
  fields: [
    idField<DimensionValue>(),
    field(
      'code',
      'Edm.String',
      (r) => r.code,
      (r, v) => (r.code = str(v).toUpperCase()),
      { nullable: false, maxLength: 20 },
    ),
    field(
      'dimensionId',
      'Edm.Guid',
      (r, ctx) => ctx.state.dimensions.find((d) => d.code === r.dimensionCode)?.id ?? EMPTY_GUID,
    ),
    field(
      'displayName',
      'Edm.String',
      (r) => r.name,
      (r, v) => (r.name = str(v)),
      { maxLength: 50 },
    ),
    field('consolidationCode', 'Edm.String', () => ''),
    modifiedField<DimensionValue>(),
  ],
  list: (ctx) => ctx.state.dimensionValues,
  identity: (r) => r,
  modified: touch,
  remove: (r, ctx) => removeFrom(ctx.state.dimensionValues, r),
  webhookSet: 'dimensionValues',
});

export const bcDimension = defineEntity<Dimension>({
  typeName: 'dimension',
  setName: 'dimensions',
  caption: 'Dimension',
  keys: ['id'],
  fields: [
    idField<Dimension>(),
    field(
      'code',
      'Edm.String',
      (r) => r.code,
      (r, v) => (r.code = str(v).toUpperCase()),
      { nullable: false, maxLength: 20 },
    ),
    field(
      'displayName',
      'Edm.String',
      (r) => r.name,
      (r, v) => (r.name = str(v)),
      { maxLength: 30 },
    ),
    field('consolidationCode', 'Edm.String', () => ''),
    modifiedField<Dimension>(),
  ],
  list: (ctx) => ctx.state.dimensions,
  identity: (r) => r,
  create: (ctx) => ({ ...ctx.state.track(), code: '', name: '', blocked: false }),
  insert: (r, ctx) => insertDimension(ctx, r),
  modified: touch,
  webhookSet: 'dimensions',
  navigations: [
    {
      name: 'dimensionValues',
      target: bcDimensionValue,
      list: (d, ctx) => ctx.state.dimensionValues.filter((v) => v.dimensionCode === d.code),
      create: (d, ctx) => ({
        ...ctx.state.track(),
        dimensionCode: d.code,
        code: '',
        name: '',
        blocked: false,
      }),
    },
  ],
});
// Values are created under their dimension (dimensions(id)/dimensionValues).
bcDimensionValue.insert = (r, ctx) => insertDimensionValue(ctx, r as DimensionValue);

const PARENT_TABLE: Record<string, DefaultDimTable> = { Customer: 18, Vendor: 23, Item: 27 };

function parentOf(ctx: NavContext, d: DefaultDimension): { type: string; id: string } {
  const s = ctx.state;
  if (d.tableId === 18) return { type: 'Customer', id: s.customer(d.no)?.id ?? EMPTY_GUID };
  if (d.tableId === 23) return { type: 'Vendor', id: s.vendor(d.no)?.id ?? EMPTY_GUID };
  if (d.tableId === 27) return { type: 'Item', id: s.item(d.no)?.id ?? EMPTY_GUID };
  return { type: '', id: s.account(d.no)?.id ?? EMPTY_GUID };
}

function setParentId(ctx: NavContext, d: DefaultDimension, id: string): void {
  const s = ctx.state;
  const hit =
    (d.tableId === 18 && s.customers.find((c) => c.id === id)) ||
    (d.tableId === 23 && s.vendors.find((v) => v.id === id)) ||
    (d.tableId === 27 && s.items.find((i) => i.id === id));
  if (!hit)
    throw errors.recordNotFound(
      d.tableId === 18 ? 'Customer' : d.tableId === 23 ? 'Vendor' : 'Item',
      `Id='${id}'`,
    );
  d.no = hit.no;
}

export const bcDefaultDimension = defineEntity<DefaultDimension>({
  typeName: 'defaultDimension',
  setName: 'defaultDimensions',
  caption: 'Default Dimension',
  keys: ['id'],
  fields: [
    idField<DefaultDimension>(),
    enumField<DefaultDimension>(
      'parentType',
      'defaultDimensionParentType',
      (r, ctx) => parentOf(ctx, r).type,
      (r, v) => {
        const t = PARENT_TABLE[v];
        if (!t) throw errors.badRequest(`The value '${v}' is not valid for parentType.`);
        r.tableId = t;
      },
    ),
    field(
      'parentId',
      'Edm.Guid',
      (r, ctx) => parentOf(ctx, r).id,
      (r, v, ctx) => setParentId(ctx, r, str(v)),
    ),
    field(
      'dimensionId',
      'Edm.Guid',
      (r, ctx) => ctx.state.dimensions.find((d) => d.code === r.dimensionCode)?.id ?? EMPTY_GUID,
      (r, v, ctx) => {
        const d = ctx.state.dimensions.find((x) => x.id === str(v));
        if (!d) throw errors.recordNotFound('Dimension', `Id='${str(v)}'`);
        r.dimensionCode = d.code;
      },
    ),
    field(
      'dimensionCode',
      'Edm.String',
      (r) => r.dimensionCode,
      (r, v) => (r.dimensionCode = str(v).toUpperCase()),
      { nullable: false },
    ),
    field(
      'dimensionValueId',
      'Edm.Guid',
      (r, ctx) =>
        ctx.state.dimensionValues.find((v) => v.dimensionCode === r.dimensionCode && v.code === r.valueCode)
          ?.id ?? EMPTY_GUID,
      (r, v, ctx) => {
        const dv = ctx.state.dimensionValues.find((x) => x.id === str(v));
        if (!dv) throw errors.recordNotFound('Dimension Value', `Id='${str(v)}'`);
        r.dimensionCode = dv.dimensionCode;
        r.valueCode = dv.code;
      },
    ),
    field(
      'dimensionValueCode',
      'Edm.String',
      (r) => r.valueCode,
      (r, v) => (r.valueCode = str(v).toUpperCase()),
    ),
    enumField<DefaultDimension>(
      'postingValidation',
      'defaultDimensionValuePostingType',
      (r) => r.valuePosting,
      (r, v) => (r.valuePosting = v as DefaultDimension['valuePosting']),
    ),
    modifiedField<DefaultDimension>(),
  ],
  list: (ctx) => ctx.state.defaultDimensions,
  identity: (r) => r,
  create: (ctx) => ({
    ...ctx.state.track(),
    tableId: 18,
    no: '',
    dimensionCode: '',
    valueCode: '',
    valuePosting: '',
  }),
  insert: (r, ctx) => insertDefaultDimension(ctx, r),
  modified: touch,
  remove: (r, ctx) => removeFrom(ctx.state.defaultDimensions, r),
  webhookSet: 'defaultDimensions',
});

export { instant };
export type { FieldDef };
