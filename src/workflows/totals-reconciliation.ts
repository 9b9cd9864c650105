// The reconciliation check: both books read in full, live, and each customer's and vendor's
// invoiced and outstanding totals compared to the cent, per currency. It reads the systems, not
// the mirror, so it also catches what the sync engine never saw (a document keyed in by hand in
// one book only, a payment recorded on one side).
import type { Connector, DocumentDraft, RemoteRecord, SourceSystem } from '../systems/system.js';
import { Decimal } from '../domain/money.js';
import type { MasterData } from '../store/master-data.js';
import type { SyncLinks } from '../store/sync-links.js';

export type PartySide = 'CUSTOMER' | 'VENDOR';

export interface BookTotals {
  documents: number;
  invoiced: Decimal;
  outstanding: Decimal;
}

export interface ReconciliationRow {
  side: PartySide;
  /** The unified customer/vendor, when the party is known to the gateway. */
  partyId: string | null;
  number: string | null;
  name: string | null;
  currency: string;
  nav: BookTotals | null;
  xero: BookTotals | null;
  /** Both books hold the same invoiced and outstanding totals. */
  matches: boolean;
  /** NAV minus Xero; null when one book has no documents for the party. */
  invoicedDifference: Decimal | null;
  outstandingDifference: Decimal | null;
}

export interface ReconciliationReport {
  checkedAt: Date;
  rows: ReconciliationRow[];
  mismatches: number;
  /** Pages the check read, per system (one upstream call each). */
  pagesRead: Partial<Record<SourceSystem, number>>;
}

/** Only what counts in the books: posted or approved, not drafts, voided or deleted documents. */
function counts(status: DocumentDraft['status']): boolean {
  return status === 'POSTED' || status === 'AUTHORISED' || status === 'PAID';
}

interface Parties {
  byNumber: Map<string, { id: string; name: string }>;
  byId: Map<string, { number: string | null; name: string }>;
  /** Xero ContactID (etc.) → unified id. */
  linked: Map<string, string>;
}

/** What the check reads from the mirror: the parties, and how each system refers to them. */
export interface ReconciliationStore {
  master: MasterData;
  links: SyncLinks;
}

async function parties(store: ReconciliationStore, side: PartySide, system: SourceSystem): Promise<Parties> {
  const rows = await store.master.parties(side);
  const links = await store.links.linkedIn({ entityType: side, system });
  return {
    byNumber: new Map(rows.flatMap((r) => (r.number ? [[r.number, { id: r.id, name: r.name }]] : []))),
    byId: new Map(rows.map((r) => [r.id, { number: r.number, name: r.name }])),
    linked: new Map(links.map((l) => [l.externalId, l.entityId])),
  };
}

function add(totals: BookTotals | undefined, doc: DocumentDraft): BookTotals {
  return {
    documents: (totals?.documents ?? 0) + 1,
    invoiced: (totals?.invoiced ?? new Decimal(0)).plus(doc.total),
    outstanding: (totals?.outstanding ?? new Decimal(0)).plus(doc.amountDue),
  };
}

export async function reconcileTotals(
  store: ReconciliationStore,
  connectors: Partial<Record<SourceSystem, Connector>>,
): Promise<ReconciliationReport> {
  const totals = new Map<
    string,
    { row: Omit<ReconciliationRow, 'matches' | 'invoicedDifference' | 'outstandingDifference'> }
  >();
  const pagesRead: Partial<Record<SourceSystem, number>> = {};
  for (const system of ['NAV', 'XERO'] as const) {
    const connector = connectors[system];
    if (!connector) continue;
    pagesRead[system] = 0;
    for (const [kind, side] of [
      ['invoice', 'CUSTOMER'],
      ['bill', 'VENDOR'],
    ] as const) {
      const known = await parties(store, side, system);
      for await (const page of connector.list(kind, { priority: 'bulk' })) {
        pagesRead[system] += 1;
        for (const record of page.records as RemoteRecord<'invoice'>[]) {
          const doc = record.data;
          if (!counts(doc.status)) continue;
          const partyId =
            (doc.party.externalId ? known.linked.get(doc.party.externalId) : undefined) ??
            (doc.party.number ? known.byNumber.get(doc.party.number)?.id : undefined) ??
            null;
          const party = partyId ? known.byId.get(partyId) : undefined;
          const key = `${side}:${partyId ?? `${system}:${doc.party.externalId ?? doc.party.number}`}:${doc.currency}`;
          const entry = totals.get(key) ?? {
            row: {
              side,
              partyId,
              number: party?.number ?? doc.party.number ?? null,
              name: party?.name ?? null,
              currency: doc.currency,
              nav: null,
              xero: null,
            },
          };
          const book = system === 'NAV' ? 'nav' : 'xero';
          entry.row[book] = add(entry.row[book] ?? undefined, doc);
          totals.set(key, entry);
        }
      }
    }
  }
  const rows = [...totals.values()]
    .map(({ row }): ReconciliationRow => {
      const both = row.nav && row.xero;
      const invoicedDifference = both ? row.nav!.invoiced.minus(row.xero!.invoiced) : null;
      const outstandingDifference = both ? row.nav!.outstanding.minus(row.xero!.outstanding) : null;
      const single = Object.keys(connectors).length < 2;
      return {
        ...row,
        invoicedDifference,
        outstandingDifference,
        matches: single || (!!both && invoicedDifference!.isZero() && outstandingDifference!.isZero()),
      };
    })
    .sort(
      (a, b) =>
        a.side.localeCompare(b.side) ||
        (a.number ?? '').localeCompare(b.number ?? '') ||
        a.currency.localeCompare(b.currency),
    );
  return { checkedAt: new Date(), rows, mismatches: rows.filter((r) => !r.matches).length, pagesRead };
}
