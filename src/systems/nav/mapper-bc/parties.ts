// BC customers and vendors (API v2.0 customers / vendors) ⇄ party drafts. Pure functions.
import type { PartyDraft, RemoteRecord } from '../../system.js';
import {
  addressOf,
  blankToNull,
  currencyOf,
  decodeOption,
  encodeOption,
  instantOrNull,
  isBlankOption,
  ZERO,
} from '../mapper-common.js';
import type { RawBcParty } from '../raw.js';
import type { BcMapContext } from './fields.js';

export function bcPartyFromWire(
  raw: RawBcParty,
  ctx: BcMapContext,
  withCreditLimit: boolean,
): RemoteRecord<'customer'> {
  const data: PartyDraft = {
    number: blankToNull(raw.number),
    name: raw.displayName,
    email: blankToNull(raw.email),
    phone: blankToNull(raw.phoneNumber),
    taxNumber: blankToNull(raw.taxRegistrationNumber),
    currency: currencyOf(raw.currencyCode, ctx.localCurrency),
    status: isBlankOption(raw.blocked) ? 'ACTIVE' : 'BLOCKED',
    // BC v2.0 exposes payment terms by id only (paymentTermsId); resolving it needs paymentTerms.
    paymentTerms: null,
    address: addressOf({
      line1: raw.addressLine1,
      line2: raw.addressLine2,
      city: raw.city,
      region: raw.state,
      postalCode: raw.postalCode,
      country: raw.country,
    }),
  };
  if (withCreditLimit) data.creditLimit = raw.creditLimit ?? null;
  return {
    externalId: raw.id,
    externalNumber: blankToNull(raw.number),
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: instantOrNull(raw.lastModifiedDateTime),
    active: true,
    data,
  };
}

export function bcPartyToWire(
  draft: PartyDraft,
  options: { withCreditLimit: boolean; blockedValue: string; current?: RawBcParty | undefined },
): Record<string, unknown> {
  const a = draft.address ?? {};
  const out: Record<string, unknown> = {
    displayName: draft.name,
    addressLine1: a.line1 ?? '',
    addressLine2: a.line2 ?? '',
    city: a.city ?? '',
    state: a.region ?? '',
    country: a.country ?? '',
    postalCode: a.postalCode ?? '',
    phoneNumber: draft.phone ?? '',
    email: draft.email ?? '',
    taxRegistrationNumber: draft.taxNumber ?? '',
    currencyCode: draft.currency,
  };
  if (draft.number && !options.current) out.number = draft.number;
  const currentActive = options.current ? isBlankOption(options.current.blocked) : undefined;
  const wantActive = draft.status === 'ACTIVE';
  out.blocked =
    currentActive !== undefined && currentActive === wantActive
      ? encodeOption(decodeOption(options.current!.blocked).trim())
      : wantActive
        ? encodeOption('')
        : options.blockedValue;
  if (options.withCreditLimit && draft.creditLimit !== undefined) out.creditLimit = draft.creditLimit ?? ZERO;
  return out;
}
