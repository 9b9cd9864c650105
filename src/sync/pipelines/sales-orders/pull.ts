// Reading sales orders back from the system that keeps them (NAV/BC): an order we pushed learns
// its status and what each line shipped and invoiced; one entered there is taken into the mirror
// (after its customer); one the system no longer holds was posted in full or deleted there
// (translate.ts says which). Orders go nowhere else (only NAV keeps them): no jobs are queued.
import type { Connector, DocumentDraft, RemoteRecord, SourceSystem } from '../../../systems/system.js';
import type { EventBus } from '../../../events/bus.js';
import type { LedgerEvent } from '../../../events/types.js';
import type { Cursors } from '../../../store/cursors.js';
import type { Database } from '../../../store/database.js';
import type { OrderProgress, SalesOrderStore } from '../../../store/sales-orders.js';
import type { SyncLinks } from '../../../store/sync-links.js';
import { pollChanges, type PollOptions } from '../../runtime/poll.js';
import type { PullReport } from '../master-data/pull.js';
import type { PartyResolver } from '../documents/parties.js';
import { documentHash } from '../documents/translate.js';
import { closedProgress, progressChanged, progressOf } from './translate.js';
import { Decimal } from '../../../domain/money.js';

export interface SalesOrderPullDeps {
  db: Database;
  links: SyncLinks;
  orders: SalesOrderStore;
  parties: PartyResolver;
  cursors: Cursors;
  events: EventBus;
  connectors: Partial<Record<SourceSystem, Connector>>;
  targets: Partial<Record<SourceSystem, string>>;
  /**
   * Re-reads these items' stock: NAV's Inventory is computed from item ledger entries, so a
   * posting changes it without touching the item (no delta shows it).
   */
  refreshStock?: (system: SourceSystem, itemNumbers: readonly string[]) => Promise<void>;
  now?: () => Date;
}

const ENTITY = 'SALES_ORDER' as const;

export class SalesOrderPuller {
  constructor(private readonly deps: SalesOrderPullDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async pull(system: SourceSystem, options: PollOptions = {}): Promise<PullReport> {
    const report: PullReport = { read: 0, applied: 0, unchanged: 0, linked: [], rejected: [] };
    const connector = this.deps.connectors[system];
    const tenant = this.deps.targets[system];
    if (!connector || !tenant || !connector.capabilities.entities.includes('salesOrder')) return report;
    const seen = new Set<string>();
    const moved = new Set<string>();
    await pollChanges(
      connector,
      this.deps.cursors,
      { system, tenant, entityType: ENTITY },
      'salesOrder',
      (record) => this.apply(system, tenant, record, report, moved),
      { ...options, seen },
    );
    await this.closeGone(system, tenant, connector, seen, report, moved);
    if (moved.size) await this.deps.refreshStock?.(system, [...moved]);
    return report;
  }

  private async apply(
    system: SourceSystem,
    tenant: string,
    remote: RemoteRecord<'salesOrder'>,
    report: PullReport,
    moved: Set<string>,
  ): Promise<void> {
    report.read += 1;
    const link = await this.deps.links.byExternalId({
      entityType: ENTITY,
      system,
      tenant,
      externalId: remote.externalId,
    });
    if (!link) return this.takeIn(system, tenant, remote, report);
    const [current] = await this.deps.orders.openWithLines([link.entityId]);
    const progress = progressOf(remote.data, this.now());
    if (!current || !progressChanged(current, progress)) {
      report.unchanged += 1;
      return;
    }
    await this.save(system, link.entityId, remote.externalNumber, progress, 'UPDATED');
    for (const l of remote.data.lines) if (l.item?.number) moved.add(l.item.number);
    report.applied += 1;
  }

  /**
   * An order not linked yet: ours when its External Document No. is our number (its push has not
   * settled), else one entered in NAV, taken in under its NAV number after its customer.
   */
  private async takeIn(
    system: SourceSystem,
    tenant: string,
    remote: RemoteRecord<'salesOrder'>,
    report: PullReport,
  ): Promise<void> {
    const order: DocumentDraft = remote.data;
    const ours = order.externalDocumentNumber
      ? await this.deps.orders.idByNumber(order.externalDocumentNumber)
      : null;
    if (ours) {
      report.linked.push({ externalId: remote.externalId, entityId: ours, reason: 'our order number' });
      const progress = progressOf(order, this.now());
      const published = await this.deps.db.transaction(async (tx) => {
        await this.deps.links.linkRemote(
          { entityType: ENTITY, entityId: ours, system, tenant },
          remote,
          documentHash(order, order.party.number ?? null),
          tx,
        );
        return this.record(tx, system, ours, remote.externalNumber, progress, 'UPDATED');
      });
      this.deps.events.announce(published);
      report.applied += 1;
      return;
    }
    const party = await this.deps.parties.resolve(system, tenant, 'customer', order.party);
    const reject = (reason: string) => report.rejected.push({ externalId: remote.externalId, reason });
    if (!party)
      return void reject(`customer ${order.party.number ?? '?'} of order ${order.number} not found`);
    if (await this.deps.orders.numberTaken(order.number))
      return void reject(`order number ${order.number} is taken by another order`);
    await this.deps.parties.readMissingItems(system, order.lines);
    const progress = progressOf(order, this.now());
    const published = await this.deps.db.transaction(async (tx) => {
      const saved = await this.deps.orders.create(
        tx,
        { ...order, partyId: party.id },
        null,
        'SYNCED',
        progress.status,
      );
      await this.deps.links.linkRemote(
        { entityType: ENTITY, entityId: saved.id, system, tenant },
        remote,
        documentHash(order, party.number),
        tx,
      );
      return this.record(tx, system, saved.id, remote.externalNumber, progress, 'CREATED');
    });
    this.deps.events.announce(published);
    report.applied += 1;
  }

  /** Linked, still open here, not in this read: asked for once more (one call), then closed. */
  private async closeGone(
    system: SourceSystem,
    tenant: string,
    connector: Connector,
    seen: ReadonlySet<string>,
    report: PullReport,
    moved: Set<string>,
  ): Promise<void> {
    const linked = await this.deps.links.linkedIn({ entityType: ENTITY, system, tenant });
    const unseen = linked.filter((l) => !seen.has(l.externalId));
    if (unseen.length === 0) return;
    const open = await this.deps.orders.openWithLines(unseen.map((l) => l.entityId));
    if (open.length === 0) return;
    const candidates = unseen.filter((l) => open.some((o) => o.id === l.entityId));
    const still = await connector.getMany(
      'salesOrder',
      candidates.map((l) => l.externalId),
    );
    for (const l of candidates) {
      const found = still.get(l.externalId);
      if (found) {
        await this.apply(system, tenant, found, report, moved);
        continue;
      }
      const order = open.find((o) => o.id === l.entityId);
      if (!order) continue;
      const invoiced = (await this.deps.orders.invoiceCount(order.id, l.externalNumber)) > 0;
      const lines = order.lines.map((x) => ({
        lineNo: x.lineNo,
        quantity: progressQuantity(x.quantity),
      }));
      await this.save(
        system,
        order.id,
        l.externalNumber,
        closedProgress(lines, invoiced, this.now()),
        'UPDATED',
      );
      if (invoiced) for (const x of order.lines) if (x.item) moved.add(x.item.number);
      report.applied += 1;
    }
  }

  private async save(
    system: SourceSystem,
    id: string,
    orderNumber: string | null,
    progress: OrderProgress,
    change: 'CREATED' | 'UPDATED',
  ): Promise<void> {
    const published = await this.deps.db.transaction((tx) =>
      this.record(tx, system, id, orderNumber, progress, change),
    );
    this.deps.events.announce(published);
  }

  private async record(
    tx: Parameters<Parameters<Database['transaction']>[0]>[0],
    system: SourceSystem,
    id: string,
    orderNumber: string | null,
    progress: OrderProgress,
    change: 'CREATED' | 'UPDATED',
  ) {
    await this.deps.orders.applyProgress(tx, id, progress);
    // Invoices read before the order was known to be theirs.
    if (orderNumber) await this.deps.orders.linkInvoices(tx, id, orderNumber);
    const events: LedgerEvent[] = [
      { type: 'ENTITY_CHANGED', entityType: ENTITY, entityId: id, change, source: system },
    ];
    return this.deps.events.record(events, tx);
  }
}

const progressQuantity = (value: { toString(): string }) => new Decimal(value.toString());
