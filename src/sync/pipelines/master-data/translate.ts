// Unified records ⇄ connector drafts, in each system's vocabulary: the payload becomes a draft
// here, and the system's module translates its codes (the unified model speaks NAV's codes).
import type { ItemDraft, PartyDraft, SourceSystem } from '../../../systems/system.js';
import { systemModule } from '../../../systems/modules.js';
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

export function partyDraftFor(
  system: SourceSystem,
  payload: Payload,
  lookups: Lookups | null,
  withCreditLimit: boolean,
): PartyDraft {
  const draft: PartyDraft = {
    number: text(payload.number),
    name: required(payload, 'name'),
    email: text(payload.email),
    phone: text(payload.phone),
    taxNumber: text(payload.taxNumber),
    currency: required(payload, 'currency'),
    status: payload.status as PartyDraft['status'],
    paymentTerms: text(payload.paymentTerms),
    address: (payload.address as PartyDraft['address']) ?? null,
    ...(withCreditLimit ? { creditLimit: decimalOf(payload.creditLimit) } : {}),
  };
  return systemModule(system).vocabulary.partyOut(draft, lookups);
}

/** A party as a system holds it, back in the unified vocabulary. */
export function partyFromDraft(system: SourceSystem, draft: PartyDraft, lookups: Lookups | null): PartyDraft {
  return systemModule(system).vocabulary.partyIn(draft, lookups);
}

export function itemDraftFor(system: SourceSystem, payload: Payload, lookups: Lookups | null): ItemDraft {
  const draft: ItemDraft = {
    number: required(payload, 'number'),
    name: required(payload, 'name'),
    description: text(payload.description),
    type: payload.type as ItemDraft['type'],
    unitOfMeasure: text(payload.unitOfMeasure),
    unitPrice: decimalOf(payload.unitPrice),
    unitCost: decimalOf(payload.unitCost),
    salesAccountCode: text(payload.salesAccountCode),
    purchaseAccountCode: text(payload.purchaseAccountCode),
    taxCode: text(payload.taxCode),
    blocked: payload.blocked === true,
  };
  return systemModule(system).vocabulary.itemOut(draft, lookups);
}

export function itemFromDraft(system: SourceSystem, read: ItemDraft, lookups: Lookups | null): ItemDraft {
  // The posting group only picks the accounts; it is not part of the record we keep. Stock is
  // kept apart (read-only, see inventory.ts): a posting that moves it is no change to sync.
  const {
    postingGroup: _postingGroup,
    inventory: _inventory,
    ...draft
  } = systemModule(system).vocabulary.itemIn(read, lookups);
  return draft;
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
