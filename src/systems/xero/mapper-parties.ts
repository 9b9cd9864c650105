// Xero contacts ⇄ customer and vendor drafts: status, payment terms, address and phone included.
// A contact's ContactNumber holds the NAV No.; the side (customer or vendor) decides which payment
// terms, sales or bills, are read and written.
import type { Address } from '../../domain/common.js';
import type { PartyDraft, RemoteRecord } from '../system.js';
import { blank, instant, MappingError, versionOf, type MapContext } from './mapper-common.js';
import type { RawContact } from './raw.js';

/** Xero keeps a contact's name and e-mail address in up to 255 characters. */
export const XERO_CONTACT_TEXT_MAX = 255;

// ---------- status ----------

/** Xero has no "blocked" contact: BLOCKED stays ACTIVE in Xero (read back as ACTIVE). */
export function partyStatusFromWire(v: string | null | undefined): PartyDraft['status'] {
  return v === 'ARCHIVED' || v === 'GDPRREQUEST' ? 'ARCHIVED' : 'ACTIVE';
}

export function partyStatusToWire(v: PartyDraft['status']): 'ACTIVE' | 'ARCHIVED' {
  return v === 'ARCHIVED' ? 'ARCHIVED' : 'ACTIVE';
}

// ---------- payment terms, address, phone ----------

export function paymentTermsFromWire(
  term: { day?: number | null | undefined; type?: string | null | undefined } | null | undefined,
): string | null {
  if (!term || term.day === null || term.day === undefined) return null;
  if (!term.type || term.type === 'DAYSAFTERBILLDATE') return `${term.day} DAYS`;
  return `${term.type}:${term.day}`;
}

export function paymentTermsToWire(code: string | null): { day: number; type: string } | undefined {
  if (!code) return undefined;
  const days = /^(\d+) DAYS$/.exec(code);
  if (days?.[1]) return { day: Number(days[1]), type: 'DAYSAFTERBILLDATE' };
  const typed = /^([A-Z]+):(\d+)$/.exec(code);
  if (typed?.[1] && typed[2]) return { day: Number(typed[2]), type: typed[1] };
  return undefined;
}

export function addressFromWire(addresses: RawContact['addresses']): Address | null {
  const has = (a: NonNullable<RawContact['addresses']>[number]) =>
    [a.addressLine1, a.addressLine2, a.city, a.region, a.postalCode, a.country].some((v) => blank(v));
  const list = addresses ?? [];
  const a = list.find((x) => x.addressType === 'STREET' && has(x)) ?? list.find((x) => has(x));
  if (!a) return null;
  const out: Address = {};
  if (blank(a.addressLine1)) out.line1 = a.addressLine1 as string;
  if (blank(a.addressLine2)) out.line2 = a.addressLine2 as string;
  if (blank(a.city)) out.city = a.city as string;
  if (blank(a.region)) out.region = a.region as string;
  if (blank(a.postalCode)) out.postalCode = a.postalCode as string;
  // Xero keeps the country as free text; only an ISO code crosses into the domain.
  const country = a.country?.trim().toUpperCase();
  if (country && /^[A-Z]{2}$/.test(country)) out.country = country;
  return out;
}

export interface WireAddress {
  addressType: 'STREET';
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export function addressToWire(a: Address | null): WireAddress[] | undefined {
  if (!a) return undefined;
  const out: WireAddress = { addressType: 'STREET' };
  if (a.line1 !== undefined) out.addressLine1 = a.line1;
  if (a.line2 !== undefined) out.addressLine2 = a.line2;
  if (a.city !== undefined) out.city = a.city;
  if (a.region !== undefined) out.region = a.region;
  if (a.postalCode !== undefined) out.postalCode = a.postalCode;
  if (a.country !== undefined) out.country = a.country;
  return [out];
}

function phoneFromWire(phones: RawContact['phones']): string | null {
  const p =
    (phones ?? []).find((x) => x.phoneType === 'DEFAULT' && blank(x.phoneNumber)) ??
    (phones ?? []).find((x) => blank(x.phoneNumber));
  if (!p) return null;
  return [p.phoneCountryCode, p.phoneAreaCode, p.phoneNumber].map(blank).filter(Boolean).join(' ') || null;
}

// ---------- contacts ----------

export function partyFromWire(
  c: RawContact,
  side: 'customer' | 'vendor',
  ctx: MapContext,
): RemoteRecord<'customer'> {
  if (!c.contactID) throw new MappingError('externalId', 'contact without ContactID');
  const updated = instant(c.updatedDateUTC);
  const status = partyStatusFromWire(c.contactStatus);
  const data: PartyDraft = {
    number: blank(c.contactNumber),
    name: c.name ?? '',
    email: blank(c.emailAddress),
    phone: phoneFromWire(c.phones),
    taxNumber: blank(c.taxNumber),
    currency: blank(c.defaultCurrency) ?? ctx.baseCurrency,
    status,
    paymentTerms: paymentTermsFromWire(side === 'customer' ? c.paymentTerms?.sales : c.paymentTerms?.bills),
    address: addressFromWire(c.addresses),
  };
  return {
    externalId: c.contactID,
    externalNumber: data.number,
    version: versionOf(updated),
    remoteUpdatedAt: updated,
    active: status !== 'ARCHIVED',
    data,
  };
}

export interface WireContact {
  contactID?: string;
  contactNumber?: string;
  name: string;
  emailAddress?: string;
  taxNumber?: string;
  defaultCurrency?: string;
  contactStatus: 'ACTIVE' | 'ARCHIVED';
  addresses?: WireAddress[];
  phones?: { phoneType: 'DEFAULT'; phoneNumber: string }[];
  paymentTerms?: { sales?: { day: number; type: string }; bills?: { day: number; type: string } };
}

export function partyToWire(p: PartyDraft, side: 'customer' | 'vendor', externalId?: string): WireContact {
  const out: WireContact = { name: p.name, contactStatus: partyStatusToWire(p.status) };
  if (externalId) out.contactID = externalId;
  if (p.number) out.contactNumber = p.number;
  if (p.email) out.emailAddress = p.email;
  if (p.taxNumber) out.taxNumber = p.taxNumber;
  if (p.currency) out.defaultCurrency = p.currency;
  const addresses = addressToWire(p.address);
  if (addresses) out.addresses = addresses;
  if (p.phone) out.phones = [{ phoneType: 'DEFAULT', phoneNumber: p.phone }];
  const terms = paymentTermsToWire(p.paymentTerms);
  if (terms) out.paymentTerms = side === 'customer' ? { sales: terms } : { bills: terms };
  return out;
}
