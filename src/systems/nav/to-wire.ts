// A draft as the fields its entity is written with in this dialect: picks the NAV or BC mapper and
// gives it what the connector knows (blocked value, the record as read before an update, our id).
import type { ConnectorEntity, DocumentDraft, EntityDrafts, ItemDraft, PartyDraft } from '../system.js';
import { ConnectorError } from '../errors.js';
import type { NavContext } from './context.js';
import { bcDocumentToWire, bcItemToWire, bcPartyToWire } from './mapper-bc.js';
import {
  navItemToWire,
  navPartyToWire,
  navPurchaseHeaderToWire,
  navSalesHeaderToWire,
} from './mapper-nav.js';
import { RawBcParty, RawNavParty } from './raw.js';

/**
 * `current`: the record as read, when updating (absent when creating). `documentKey`: our id on
 * a document (a bill: the vendor's invoice No.), or null to leave it as it is.
 */
export function toWire(
  cx: NavContext,
  entity: ConnectorEntity,
  data: EntityDrafts[ConnectorEntity],
  current: Record<string, unknown> | undefined,
  documentKey: string | null,
): Record<string, unknown> {
  const nav = cx.nav;
  const ctx = cx.source.nav;
  switch (entity) {
    case 'customer':
    case 'vendor': {
      const withCreditLimit = entity === 'customer';
      const blockedValue = cx.options.blockedValue?.[entity] ?? 'All';
      const draft = data as PartyDraft;
      if (nav) {
        const out = navPartyToWire(draft, ctx, {
          withCreditLimit,
          blockedValue,
          current: current ? RawNavParty.parse(current) : undefined,
        });
        if (!current && draft.number) out.No = draft.number;
        return out;
      }
      return bcPartyToWire(draft, {
        withCreditLimit,
        blockedValue,
        current: current ? RawBcParty.parse(current) : undefined,
      });
    }
    case 'item': {
      const draft = data as ItemDraft;
      if (nav) return { ...(current ? {} : { No: draft.number }), ...navItemToWire(draft) };
      return bcItemToWire(draft, !current);
    }
    case 'invoice':
      return nav
        ? navSalesHeaderToWire(data as DocumentDraft, ctx, documentKey)
        : bcDocumentToWire('invoice', data as DocumentDraft, documentKey, !current);
    case 'salesOrder':
      return nav
        ? navSalesHeaderToWire(data as DocumentDraft, ctx, documentKey, 'order')
        : bcDocumentToWire('salesOrder', data as DocumentDraft, documentKey, !current);
    case 'bill':
      return nav
        ? navPurchaseHeaderToWire(data as DocumentDraft, ctx, documentKey)
        : bcDocumentToWire('bill', data as DocumentDraft, documentKey, !current);
    default:
      throw new ConnectorError('validation', `${entity} writes are not supported`, { system: 'NAV' });
  }
}
