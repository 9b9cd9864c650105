// /Contacts: customers and suppliers. Name is unique among ACTIVE contacts; archiving is a status.
import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import { invalid, runBatch, type BatchResource, type Input } from '../batch.js';
import { apiContext, sendEnvelope, type ApiContext } from '../context.js';
import { msToDay } from '../dates.js';
import { notFound } from '../errors.js';
import { arr, bool, isGuid, obj, oneOf, str } from '../input.js';
import { byField, list } from '../listing.js';
import { queryBool, queryList, queryParam } from '../request.js';
import type { AddressRec, ContactRec, PhoneRec, TenantState } from '../state.js';
import { contactWire } from '../wire.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function assertUniqueName(t: TenantState, name: string, exceptId?: string): void {
  const clash = [...t.contacts.values()].find(
    (c) =>
      c.ContactStatus === 'ACTIVE' &&
      c.ContactID !== exceptId &&
      c.Name.trim().toLowerCase() === name.trim().toLowerCase(),
  );
  if (clash) {
    invalid(
      `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`,
    );
  }
}

function findContact(t: TenantState, input: Input): ContactRec | undefined {
  const id = str(input, 'ContactID');
  if (id !== undefined) {
    const c = isGuid(id) ? t.contacts.get(id.toLowerCase()) : undefined;
    return c ?? invalid(`The ContactID '${id}' does not exist.`);
  }
  const no = str(input, 'ContactNumber');
  return no !== undefined ? t.contactByNumber(no) : undefined;
}

function addresses(input: Input): AddressRec[] | undefined {
  return arr(input, 'Addresses')?.map((a) => {
    const rec: AddressRec = { AddressType: oneOf(a, 'AddressType', ['POBOX', 'STREET'] as const) ?? 'POBOX' };
    for (const k of [
      'AddressLine1',
      'AddressLine2',
      'AddressLine3',
      'AddressLine4',
      'City',
      'Region',
      'PostalCode',
      'Country',
      'AttentionTo',
    ] as const) {
      const v = str(a, k);
      if (v !== undefined) rec[k] = v;
    }
    return rec;
  });
}

function phones(input: Input): PhoneRec[] | undefined {
  return arr(input, 'Phones')?.map((p) => {
    const rec: PhoneRec = {
      PhoneType: oneOf(p, 'PhoneType', ['DEFAULT', 'DDI', 'MOBILE', 'FAX', 'OFFICE'] as const) ?? 'DEFAULT',
    };
    for (const k of ['PhoneNumber', 'PhoneAreaCode', 'PhoneCountryCode'] as const) {
      const v = str(p, k);
      if (v !== undefined) rec[k] = v;
    }
    return rec;
  });
}

function outstanding(t: TenantState, contactId: string): boolean {
  return [...t.invoices.values()].some(
    (i) => i.ContactID === contactId && i.Status === 'AUTHORISED' && !i.AmountDue.isZero(),
  );
}

/** Creates or updates one contact from a request element. */
export function applyContact(
  input: Input,
  mode: 'create' | 'upsert',
  ctx: ApiContext,
  newId?: string,
): ContactRec {
  const t = ctx.tenant;
  const existing = findContact(t, input);
  if (existing && mode === 'create' && has(input, 'ContactID')) {
    invalid(`A contact with ContactID ${existing.ContactID} already exists. Use POST to update it.`);
  }
  const target = mode === 'upsert' ? existing : undefined;
  const name = str(input, 'Name')?.trim();
  if (!target && !name) invalid('The contact name must be specified.');
  if (name !== undefined && name === '') invalid('The contact name must be specified.');
  if (name !== undefined && name.length > 255) invalid('The contact name must be 255 characters or fewer.');
  const email = str(input, 'EmailAddress');
  if (email !== undefined && email !== '' && !EMAIL.test(email)) invalid('Email address must be valid.');
  const status = oneOf(input, 'ContactStatus', ['ACTIVE', 'ARCHIVED'] as const);
  const currency = str(input, 'DefaultCurrency');
  if (currency !== undefined && !t.currencies.some((c) => c.Code === currency)) {
    invalid(`The currency code '${currency}' is not enabled for this organisation.`);
  }
  for (const key of ['AccountsReceivableTaxType', 'AccountsPayableTaxType'] as const) {
    const tax = str(input, key);
    if (tax !== undefined && !t.taxRates.has(tax)) invalid(`The TaxType code '${tax}' does not exist.`);
  }
  for (const key of ['SalesDefaultAccountCode', 'PurchasesDefaultAccountCode'] as const) {
    const code = str(input, key);
    if (code !== undefined && !t.accountByCode(code)) invalid(`Account code '${code}' is not a valid code.`);
  }

  const next: ContactRec = target
    ? { ...target }
    : {
        ContactID: newId ?? randomUUID(),
        ContactStatus: 'ACTIVE',
        Name: name ?? '',
        Addresses: [],
        Phones: [],
        IsCustomer: false,
        IsSupplier: false,
        UpdatedDateUTC: ctx.now,
      };
  if (name !== undefined) next.Name = name;
  if (status !== undefined) {
    if (status === 'ARCHIVED' && next.ContactStatus !== 'ARCHIVED' && outstanding(t, next.ContactID)) {
      invalid('The contact cannot be archived as it has outstanding transactions.');
    }
    next.ContactStatus = status;
  }
  if (next.ContactStatus === 'ACTIVE') assertUniqueName(t, next.Name, next.ContactID);
  for (const key of [
    'ContactNumber',
    'AccountNumber',
    'FirstName',
    'LastName',
    'EmailAddress',
    'TaxNumber',
    'DefaultCurrency',
    'AccountsReceivableTaxType',
    'AccountsPayableTaxType',
    'SalesDefaultAccountCode',
    'PurchasesDefaultAccountCode',
  ] as const) {
    const v = str(input, key);
    if (v !== undefined) next[key] = v;
  }
  const terms = obj(input, 'PaymentTerms');
  const sales = terms ? obj(terms, 'Sales') : undefined;
  const bills = terms ? obj(terms, 'Bills') : undefined;
  if (sales && typeof sales.Day === 'number') {
    next.PaymentTermsSalesDays = sales.Day;
    next.PaymentTermsSalesType = termsType(sales.Type);
  }
  if (bills && typeof bills.Day === 'number') {
    next.PaymentTermsBillsDays = bills.Day;
    next.PaymentTermsBillsType = termsType(bills.Type);
  }
  next.Addresses = addresses(input) ?? next.Addresses;
  next.Phones = phones(input) ?? next.Phones;
  // IsCustomer/IsSupplier are read-only in Xero (derived from transactions); a sent value is ignored.
  bool(input, 'IsCustomer');
  next.UpdatedDateUTC = ctx.now;
  t.contacts.set(next.ContactID, next);
  t.emit('CONTACT', target ? 'UPDATE' : 'CREATE', next.ContactID, ctx.now);
  return next;
}

function has(input: Input, key: string): boolean {
  return input[key] !== undefined && input[key] !== null;
}

/**
 * The contact a document names: by ContactID, ContactNumber or Name. As in Xero, an unknown Name
 * creates a new contact on the fly.
 */
export function documentContact(ctx: ApiContext, input: Input | undefined): ContactRec {
  const t = ctx.tenant;
  if (!input) return invalid('A Contact must be specified for this type of transaction.');
  const found = findContact(t, input);
  const name = str(input, 'Name');
  const byName =
    !found && name
      ? [...t.contacts.values()].find(
          (c) => c.ContactStatus === 'ACTIVE' && c.Name.toLowerCase() === name.toLowerCase(),
        )
      : undefined;
  const contact = found ?? byName ?? (name ? applyContact({ Name: name }, 'create', ctx) : undefined);
  if (!contact) return invalid('A Contact must be specified for this type of transaction.');
  if (contact.ContactStatus === 'ARCHIVED')
    invalid(`The contact '${contact.Name}' is archived and cannot be used on transactions.`);
  return contact;
}

const resource: BatchResource = {
  key: 'Contacts',
  apply: (input, mode, ctx) => contactWire(applyContact(input, mode, ctx), ctx.tenant, msToDay(ctx.now)),
};

export function contactsRouter(): Router {
  const r = express.Router();
  r.get('/Contacts', (req, res) => {
    const ctx = apiContext(res);
    const t = ctx.tenant;
    const ids = queryList(req, 'IDs')?.map((s) => s.toLowerCase());
    const includeArchived = queryBool(req, 'includeArchived') ?? false;
    const term = queryParam(req, 'searchTerm')?.toLowerCase();
    const summaryOnly = queryBool(req, 'summaryOnly') ?? false;
    const records = [...t.contacts.values()].filter(
      (c) =>
        (!ids || ids.includes(c.ContactID)) &&
        (includeArchived || ids || c.ContactStatus === 'ACTIVE') &&
        (!term ||
          [c.Name, c.FirstName, c.LastName, c.ContactNumber, c.EmailAddress, c.AccountNumber].some((f) =>
            f?.toLowerCase().includes(term),
          )),
    );
    const today = msToDay(ctx.now);
    const out = list(req, {
      records,
      toWire: (c) => contactWire(c, t, today, !summaryOnly),
      updatedMs: (c) => c.UpdatedDateUTC,
      paged: true,
      defaultOrder: byField('Name'),
    });
    sendEnvelope(res, 'Contacts', out.items, out.pagination);
  });
  r.get('/Contacts/:idOrNumber', (req, res) => {
    const ctx = apiContext(res);
    const key = req.params.idOrNumber;
    const c =
      (isGuid(key) ? ctx.tenant.contacts.get(key.toLowerCase()) : undefined) ??
      ctx.tenant.contactByNumber(key);
    if (!c) throw notFound();
    sendEnvelope(res, 'Contacts', [contactWire(c, ctx.tenant, msToDay(ctx.now))]);
  });
  r.put('/Contacts', (req, res) => runBatch(req, res, resource, 'create'));
  r.post('/Contacts', (req, res) => runBatch(req, res, resource, 'upsert'));
  r.post('/Contacts/:id', (req, res) => {
    const ctx = apiContext(res);
    const id = req.params.id.toLowerCase();
    if (!isGuid(id) || !ctx.tenant.contacts.has(id)) throw notFound();
    runBatch(req, res, resource, 'upsert', { ContactID: id });
  });
  return r;
}

const termsTypes = ['DAYSAFTERBILLDATE', 'DAYSAFTERBILLMONTH', 'OFCURRENTMONTH', 'OFFOLLOWINGMONTH'];

/** Xero's payment-terms types; anything else falls back to days after the bill date. */
function termsType(value: unknown): string {
  return typeof value === 'string' && termsTypes.includes(value) ? value : 'DAYSAFTERBILLDATE';
}
