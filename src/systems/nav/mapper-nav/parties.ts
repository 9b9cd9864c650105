// NAV customers and vendors (Customer / Vendor pages) ⇄ party drafts. Pure functions.
import type { PartyDraft, RemoteRecord } from '../../system.js';
import {
  addressOf,
  blankToNull,
  currencyOf,
  dayInstant,
  decodeOption,
  encodeOption,
  isBlankOption,
  navCurrency,
  ZERO,
} from '../mapper-common.js';
import type { RawNavParty } from '../raw.js';
import type { NavMapContext } from './fields.js';

/** Blocked (Ship/Invoice/Payment/All) ⇄ party status. NAV has no "archived": it is written as All. */
export function navPartyStatus(blocked: string): PartyDraft['status'] {
  return isBlankOption(blocked) ? 'ACTIVE' : 'BLOCKED';
}

export function navPartyFromWire(
  raw: RawNavParty,
  ctx: NavMapContext,
  withCreditLimit: boolean,
): RemoteRecord<'customer'> {
  const data: PartyDraft = {
    number: raw.No,
    name: raw.Name,
    email: blankToNull(raw.E_Mail),
    phone: blankToNull(raw.Phone_No),
    taxNumber: blankToNull(raw.VAT_Registration_No),
    currency: currencyOf(raw.Currency_Code, ctx.localCurrency),
    status: navPartyStatus(raw.Blocked),
    paymentTerms: blankToNull(raw.Payment_Terms_Code),
    address: addressOf({
      line1: raw.Address,
      line2: raw.Address_2,
      city: raw.City,
      region: raw.County,
      postalCode: raw.Post_Code,
      country: raw.Country_Region_Code,
    }),
  };
  if (withCreditLimit) data.creditLimit = raw.Credit_Limit_LCY ?? null;
  return {
    externalId: raw.No,
    externalNumber: raw.No,
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: dayInstant(raw.Last_Date_Modified),
    active: true,
    data,
  };
}

/**
 * Writable page fields for a party. `current` (the record as read before a PATCH) keeps a finer
 * NAV Blocked value (Ship/Invoice/Payment) when the unified status did not change.
 */
export function navPartyToWire(
  draft: PartyDraft,
  ctx: NavMapContext,
  options: { withCreditLimit: boolean; blockedValue: string; current?: RawNavParty | undefined },
): Record<string, unknown> {
  const a = draft.address ?? {};
  const out: Record<string, unknown> = {
    Name: draft.name,
    Address: a.line1 ?? '',
    Address_2: a.line2 ?? '',
    City: a.city ?? '',
    County: a.region ?? '',
    Post_Code: a.postalCode ?? '',
    Country_Region_Code: a.country ?? '',
    Phone_No: draft.phone ?? '',
    E_Mail: draft.email ?? '',
    VAT_Registration_No: draft.taxNumber ?? '',
    Currency_Code: navCurrency(draft.currency, ctx.localCurrency),
    Payment_Terms_Code: draft.paymentTerms ?? '',
  };
  const keep = options.current && navPartyStatus(options.current.Blocked) === statusClass(draft.status);
  out.Blocked = keep
    ? encodeOption(decodeOption(options.current!.Blocked).trim())
    : draft.status === 'ACTIVE'
      ? encodeOption('')
      : options.blockedValue;
  if (options.withCreditLimit && draft.creditLimit !== undefined)
    out.Credit_Limit_LCY = draft.creditLimit ?? ZERO;
  return out;
}

const statusClass = (s: PartyDraft['status']): PartyDraft['status'] =>
  s === 'ACTIVE' ? 'ACTIVE' : 'BLOCKED';
