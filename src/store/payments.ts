// Writes of payments into the mirror, for inbound sync and mutations, inside the caller's
// transaction. A payment applies to one invoice (received) or one bill (made).
import type { SourceSystem } from '../systems/registry.js';
import type { PaymentDraft } from '../systems/system.js';
import type { Prisma, PrismaClient } from './generated/client.js';
import type { SyncStatusValue } from './sync-status.js';

type Tx = Prisma.TransactionClient;

/** A payment in the unified vocabulary, with its document and party resolved. */
export interface PaymentFields extends PaymentDraft {
  documentId: string;
  partyId: string;
}

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

export class PaymentStore {
  constructor(private readonly prisma: PrismaClient) {}

  async save(
    tx: Tx,
    id: string | null,
    p: PaymentFields,
    syncStatus: SyncStatusValue,
  ): Promise<{ id: string }> {
    const received = p.direction === 'RECEIVED';
    const data = {
      direction: p.direction,
      status: p.status,
      paymentDate: day(p.paymentDate),
      amount: p.amount.toFixed(),
      currency: p.currency,
      currencyRate: p.currencyRate ? p.currencyRate.toFixed() : null,
      reference: p.reference,
      accountCode: p.accountCode,
      customerId: received ? p.partyId : null,
      vendorId: received ? null : p.partyId,
      invoiceId: received ? p.documentId : null,
      billId: received ? null : p.documentId,
      syncStatus,
    };
    const row = id ? await tx.payment.update({ where: { id }, data }) : await tx.payment.create({ data });
    return { id: row.id };
  }

  /** What the mirror holds of a payment's money (what it last synced), to show beside a change. */
  async money(id: string) {
    const row = await this.prisma.payment.findUnique({
      where: { id },
      select: {
        status: true,
        paymentDate: true,
        amount: true,
        currency: true,
        reference: true,
        accountCode: true,
      },
    });
    return row ? { ...row, paymentDate: row.paymentDate.toISOString().slice(0, 10) } : null;
  }

  /** The payments the mirror holds on these invoices or bills, with their document (one query; none asked, none run). */
  async ofDocuments(
    documentIds: readonly string[],
  ): Promise<{ id: string; invoiceId: string | null; billId: string | null }[]> {
    if (documentIds.length === 0) return [];
    return this.prisma.payment.findMany({
      where: { OR: [{ invoiceId: { in: [...documentIds] } }, { billId: { in: [...documentIds] } }] },
      select: { id: true, invoiceId: true, billId: true },
    });
  }

  /**
   * A payment we know on the same document, of the same amount and date, not yet linked to
   * `system`: the same money seen from the other book (both books recorded it before sync).
   */
  async sameMoney(
    p: PaymentFields,
    system: SourceSystem,
    tenant: string,
    tx: Tx | PrismaClient = this.prisma,
  ): Promise<{ id: string } | null> {
    const candidates = await tx.payment.findMany({
      where: {
        ...(p.direction === 'RECEIVED' ? { invoiceId: p.documentId } : { billId: p.documentId }),
        amount: p.amount.toFixed(),
        paymentDate: day(p.paymentDate),
        status: 'AUTHORISED',
      },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
    });
    if (candidates.length === 0) return null;
    const linked = await tx.externalLink.findMany({
      where: { entityType: 'PAYMENT', system, tenant, entityId: { in: candidates.map((c) => c.id) } },
      select: { entityId: true },
    });
    const taken = new Set(linked.map((l) => l.entityId));
    return candidates.find((c) => !taken.has(c.id)) ?? null;
  }
}
