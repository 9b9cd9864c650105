// BC API v2.0 customers and vendors: one party's number, name and contact fields, then each side's
// own (balance, credit limit, blocked…), property names and enums as in Microsoft.NAV.
import type { NavContext } from '../../context.js';
import { errors } from '../../errors.js';
import { defineEntity, field, type FieldDef } from '../../odata/edm.js';
import type { Customer, Party, Vendor } from '../../state.js';
import { customerBalanceDue, vendorBalance } from '../fields.js';
import {
  deleteCustomer,
  deleteVendor,
  insertCustomer,
  insertVendor,
  newCustomer,
  newVendor,
  touch,
} from '../ops.js';
import { bool, EMPTY_GUID, num, str } from '../wire.js';
import {
  currencyCode,
  currencyId,
  enumField,
  idField,
  modifiedField,
  setCurrency,
  termsId,
} from './common.js';

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
