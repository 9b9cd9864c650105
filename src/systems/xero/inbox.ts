// Xero webhooks in: verified and stored in the inbox (answered within Xero's 5 seconds), then
// processed apart from the request: the changed records are fetched in batches — one call per
// chunk of ids, not one per event — and applied like any pulled change. Replayed or out-of-order
// deliveries have one effect: each event is stored once, and processing reads the current state.
import type { Router } from 'express';
import { xeroWebhookRouter, type XeroWebhookPayload } from './webhooks.js';
import type { Logger } from '../../ops/logger.js';
import type { Inbox } from '../../store/inbox.js';
import type { SyncLinks } from '../../store/sync-links.js';
import type { InboundSync } from '../module.js';

const batchSize = 500;

export function xeroInboxRouter(options: {
  key: string;
  inbox: Inbox;
  log: Logger;
  onStored: () => void;
}): Router {
  return xeroWebhookRouter({
    key: options.key,
    logger: options.log,
    async onEvents(payload: XeroWebhookPayload) {
      const stored = await options.inbox.store(
        payload.events.map((e) => ({
          system: 'XERO' as const,
          tenant: e.tenantId,
          dedupeKey: `xero:${e.tenantId}:${e.eventCategory}:${e.resourceId}:${e.eventType}:${e.eventDateUtc}`,
          entityType: e.eventCategory === 'CONTACT' ? ('CUSTOMER' as const) : ('INVOICE' as const),
          externalId: e.resourceId,
          payload: e as unknown as object as never,
        })),
      );
      options.log.info({ received: payload.events.length, stored }, 'Xero webhook events stored');
      if (stored) options.onStored();
    },
  });
}

/** Processes stored Xero events: the contacts and invoices they name are re-read in batches. */
export async function processXeroInbox(deps: {
  inbox: Inbox;
  links: SyncLinks;
  sync: InboundSync;
  tenant: string;
  log: Logger;
}): Promise<number> {
  const events = await deps.inbox.pending(batchSize, 'XERO');
  if (events.length === 0) return 0;
  const foreign = events.filter((e) => e.tenant !== deps.tenant);
  if (foreign.length)
    await deps.inbox.markProcessed(
      foreign.map((e) => e.id),
      `tenant ${foreign[0]?.tenant} is not synced here`,
    );
  const contacts = events.filter((e) => e.tenant === deps.tenant && e.entityType === 'CUSTOMER');
  const documents = events.filter((e) => e.tenant === deps.tenant && e.entityType !== 'CUSTOMER');
  if (documents.length) {
    // Xero's INVOICE events cover sales invoices and bills alike: what we know as a bill is
    // re-read as one; the rest as invoices, and ids we have never seen as both (the connector
    // keeps each type to its kind).
    const ids = [...new Set(documents.map((e) => e.externalId))];
    const bills = await deps.links.byExternalIds('BILL', 'XERO', deps.tenant, ids);
    const invoices = await deps.links.byExternalIds('INVOICE', 'XERO', deps.tenant, ids);
    await settle(deps, documents, async () => {
      const asInvoice = ids.filter((id) => !bills.has(id));
      const asBill = ids.filter((id) => !invoices.has(id));
      if (asInvoice.length) await deps.sync.refresh('XERO', 'invoice', asInvoice);
      if (asBill.length) await deps.sync.refresh('XERO', 'bill', asBill);
    });
  }
  if (contacts.length) {
    // A contact is a vendor when we know it as one; otherwise it is read as a customer.
    const ids = [...new Set(contacts.map((e) => e.externalId))];
    const vendorLinks = await deps.links.byExternalIds('VENDOR', 'XERO', deps.tenant, ids);
    const vendors = ids.filter((id) => vendorLinks.has(id));
    const customers = ids.filter((id) => !vendorLinks.has(id));
    await settle(deps, contacts, async () => {
      if (customers.length) await deps.sync.refresh('XERO', 'customer', customers);
      if (vendors.length) await deps.sync.refresh('XERO', 'vendor', vendors);
    });
  }
  return events.length;
}

/** Marks events processed once `apply` succeeded; failed (kept for a retry) when it threw. */
async function settle(
  deps: { inbox: Inbox; log: Logger },
  events: { id: string }[],
  apply: () => Promise<void>,
): Promise<void> {
  try {
    await apply();
    await deps.inbox.markProcessed(events.map((e) => e.id));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.warn({ err: error }, 'processing Xero webhook events failed; they stay in the inbox');
    await deps.inbox.markFailed(
      events.map((e) => e.id),
      message,
    );
    throw error;
  }
}
