// Unified records ⇄ connector drafts, in each system's vocabulary. The unified model speaks NAV
// codes; Xero's account codes, tax types, payment terms and tracking come from the lookup tables.
import type { ItemDraft, PartyDraft, SourceSystem } from '../../../systems/system.js';
import type { Lookups } from '../../../mapping/lookups.js';
import { decimalOf, type JsonValue } from '../payloads.js';
import { createHash } from 'node:crypto';
import { Decimal } from '../../../domain/money.js';

type Payload = { [key: string]: JsonValue };

const text = (v: JsonValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A field the payload must carry; a corrected dead letter without it fails as validation. */
function required(payload: Payload, field: string): string {
  const value = payload[field];
  if (typeof value === 'string' && value !== '') return value;
  throw new TypeError(`the payload has no "${field}"`);
}

/** Xero payment terms as the Xero connector writes them: "30 DAYS" or "OFCURRENTMONTH:31". */
function xeroTermsCode(terms: { day: number; type: string }): string {
  return terms.type === 'DAYSAFTERBILLDATE' ? `${terms.day} DAYS` : `${terms.type}:${terms.day}`;
}

function xeroTerms(code: string): { day: number; type: string } | null {
  const days = /^(\d+) DAYS$/.exec(code);
  if (days?.[1]) return { day: Number(days[1]), type: 'DAYSAFTERBILLDATE' };
  const typed = /^([A-Z]+):(\d+)$/.exec(code);
  return typed?.[1] && typed[2] ? { day: Number(typed[2]), type: typed[1] } : null;
}

export function partyDraftFor(
  system: SourceSystem,
  payload: Payload,
  lookups: Lookups | null,
  withCreditLimit: boolean,
): PartyDraft {
  const paymentTerms = text(payload.paymentTerms);
  return {
    number: text(payload.number),
    name: required(payload, 'name'),
    email: text(payload.email),
    phone: text(payload.phone),
    taxNumber: text(payload.taxNumber),
    currency: required(payload, 'currency'),
    status: payload.status as PartyDraft['status'],
    paymentTerms:
      system === 'XERO' && paymentTerms && lookups
        ? xeroTermsCode(lookups.paymentTermsToXero(paymentTerms))
        : paymentTerms,
    address: (payload.address as PartyDraft['address']) ?? null,
    ...(withCreditLimit ? { creditLimit: decimalOf(payload.creditLimit) } : {}),
  };
}

/** A party as a system holds it, back in the unified vocabulary. */
export function partyFromDraft(system: SourceSystem, draft: PartyDraft, lookups: Lookups | null): PartyDraft {
  if (system !== 'XERO' || !draft.paymentTerms || !lookups) return draft;
  const terms = xeroTerms(draft.paymentTerms);
  return { ...draft, paymentTerms: terms ? lookups.paymentTermsToNav(terms) : null };
}

export function itemDraftFor(system: SourceSystem, payload: Payload, lookups: Lookups | null): ItemDraft {
  const account = (code: string | null) =>
    system === 'XERO' && code && lookups ? lookups.accountToXero(code) : code;
  const taxCode = text(payload.taxCode);
  return {
    number: required(payload, 'number'),
    name: required(payload, 'name'),
    description: text(payload.description),
    type: payload.type as ItemDraft['type'],
    unitOfMeasure: text(payload.unitOfMeasure),
    unitPrice: decimalOf(payload.unitPrice),
    unitCost: decimalOf(payload.unitCost),
    salesAccountCode: account(text(payload.salesAccountCode)),
    purchaseAccountCode: account(text(payload.purchaseAccountCode)),
    taxCode: system === 'XERO' && taxCode && lookups ? lookups.taxToXero(taxCode, 'SALES') : taxCode,
    blocked: payload.blocked === true,
  };
}

export function itemFromDraft(system: SourceSystem, read: ItemDraft, lookups: Lookups | null): ItemDraft {
  // The posting group only picks the accounts; it is not part of the record we keep.
  const { postingGroup, ...draft } = read;
  if (system === 'NAV') {
    // NAV items post where the General Posting Setup says: the lookups give those accounts.
    const posting = lookups?.itemAccountsFor(postingGroup ?? null);
    return {
      ...draft,
      salesAccountCode: draft.salesAccountCode ?? posting?.sales ?? null,
      purchaseAccountCode: draft.purchaseAccountCode ?? posting?.purchase ?? null,
    };
  }
  if (!lookups) return draft;
  const account = (code: string | null) => (code ? lookups.accountToNav(code) : null);
  return {
    ...draft,
    salesAccountCode: account(draft.salesAccountCode),
    purchaseAccountCode: account(draft.purchaseAccountCode),
    taxCode: draft.taxCode ? lookups.taxToNav(draft.taxCode) : null,
  };
}

/**
 * A stable hash of a record's content in the unified vocabulary: decimals normalised, keys sorted,
 * so "15000.00" from Xero and 15000 from NAV hash alike. Echo suppression compares these.
 */
export function contentHash(record: object): string {
  const normalise = (value: unknown): unknown => {
    if (value instanceof Decimal) return value.toFixed();
    if (Array.isArray(value)) return value.map(normalise);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, normalise((value as Record<string, unknown>)[k])]),
      );
    }
    return value ?? null;
  };
  return createHash('sha256')
    .update(JSON.stringify(normalise(record)))
    .digest('hex');
}
