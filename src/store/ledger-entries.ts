// The mirror's general ledger: entries of each book, keyed by (system, tenant, entry No., line No.).
// Entries never change once posted, so a re-read of one already stored is skipped, not updated.
// Each entry is linked to the mirror's invoice, bill or payment its source names, through the sync
// links: by the source's id (Xero SourceID) or by document type and number (NAV Document_No).
import { Decimal } from 'decimal.js';
import type { SourceSystem } from '../systems/registry.js';
import type { LedgerEntryDraft } from '../systems/system.js';
import { Prisma, type PrismaClient } from './generated/client.js';

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

/** One book's debits and credits on one account in one period. */
export interface AccountBalance {
  system: SourceSystem;
  accountCode: string;
  accountName: string | null;
  /** First day of the month (monthly) or null (the whole range). */
  period: string | null;
  debit: Decimal;
  credit: Decimal;
  entries: number;
}

export interface BalanceQuery {
  from: string;
  to: string;
  monthly: boolean;
}

export class LedgerEntryStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** Stores entries not stored yet; returns how many were new. */
  async insert(system: SourceSystem, tenant: string, drafts: readonly LedgerEntryDraft[]): Promise<number> {
    if (drafts.length === 0) return 0;
    const now = new Date();
    const { count } = await this.prisma.ledgerEntry.createMany({
      data: drafts.map((d) => ({
        system,
        tenant,
        entryNo: d.entryNo,
        lineNo: d.lineNo,
        externalId: d.externalId,
        postingDate: day(d.postingDate),
        documentType: d.documentType,
        documentNumber: d.documentNumber,
        sourceType: d.sourceType,
        sourceId: d.sourceId,
        accountCode: d.accountCode,
        accountName: d.accountName,
        description: d.description,
        debit: d.debit.toFixed(),
        credit: d.credit.toFixed(),
        currency: d.currency,
        dimensions: d.dimensions,
        syncStatus: 'SYNCED',
        lastSyncedAt: now,
      })),
      skipDuplicates: true,
    });
    return count;
  }

  /**
   * Links the book's unlinked entries to the documents the sync links know: a later read of the
   * document links the entries read before it. Returns how many were linked.
   */
  linkDocuments(system: SourceSystem, tenant: string): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE ledger_entry e
         SET document_kind = l.entity_type, document_id = l.entity_id, updated_at = now()
        FROM external_link l
       WHERE e.document_id IS NULL AND e.system = ${system}::"SourceSystem" AND e.tenant = ${tenant}
         AND l.system = e.system AND l.tenant = e.tenant
         AND l.entity_type IN ('INVOICE', 'BILL', 'PAYMENT')
         AND (
           (e.source_id IS NOT NULL AND lower(l.external_id) = e.source_id)
           OR (e.source_id IS NULL AND e.document_type = 'Invoice' AND l.entity_type IN ('INVOICE', 'BILL')
               AND (l.external_id = e.document_number OR l.external_number = e.document_number))
           OR (e.source_id IS NULL AND e.document_type = 'Payment' AND l.entity_type = 'PAYMENT'
               AND l.external_number = e.document_number)
         )`;
  }

  /** Each book's debits and credits per account (and month) with a posting date in the range. */
  async balances(q: BalanceQuery): Promise<AccountBalance[]> {
    const period = q.monthly ? Prisma.sql`date_trunc('month', posting_date)::date` : Prisma.sql`NULL::date`;
    const rows = await this.prisma.$queryRaw<
      {
        system: SourceSystem;
        account_code: string;
        account_name: string | null;
        period: Date | null;
        debit: string;
        credit: string;
        entries: number;
      }[]
    >`
      SELECT system::text AS system, account_code, max(account_name) AS account_name, ${period} AS period,
             sum(debit)::text AS debit, sum(credit)::text AS credit, count(*)::int AS entries
        FROM ledger_entry
       WHERE posting_date >= ${day(q.from)} AND posting_date <= ${day(q.to)}
       GROUP BY system, account_code, 4
       ORDER BY 4 NULLS FIRST, account_code, system`;
    return rows.map((r) => ({
      system: r.system,
      accountCode: r.account_code,
      accountName: r.account_name,
      period: r.period ? r.period.toISOString().slice(0, 10) : null,
      debit: new Decimal(r.debit),
      credit: new Decimal(r.credit),
      entries: r.entries,
    }));
  }

  /** The earliest and latest posting dates held (the default range of a trial balance). */
  async dateRange(): Promise<{ from: string; to: string } | null> {
    const r = await this.prisma.ledgerEntry.aggregate({
      _min: { postingDate: true },
      _max: { postingDate: true },
    });
    if (!r._min.postingDate || !r._max.postingDate) return null;
    return {
      from: r._min.postingDate.toISOString().slice(0, 10),
      to: r._max.postingDate.toISOString().slice(0, 10),
    };
  }
}
