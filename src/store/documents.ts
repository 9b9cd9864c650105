// Writes of sales invoices and purchase bills into the mirror, for inbound sync and mutations.
// Each runs inside the caller's transaction, next to its outbox jobs and events. A document's
// lines are replaced as a whole: both systems send the full document on every change.
import { randomUUID } from 'node:crypto';
import type { DocumentDraft, LineDraft } from '../systems/system.js';
import type { Prisma, PrismaClient } from './generated/client.js';
import { Decimal } from '../domain/money.js';
import { settleSyncStatus, type SyncStatusValue } from './sync-status.js';

type Tx = Prisma.TransactionClient;
export type DocumentKind = 'invoice' | 'bill';

/** A document in the unified vocabulary (NAV codes), with its customer or vendor resolved. */
export interface DocumentFields extends DocumentDraft {
  partyId: string;
  /** A sales invoice posted from an order we know (by the order number it names). */
  salesOrderId?: string | null;
}

export interface SavedDocument {
  id: string;
  number: string;
  updatedAt: Date;
  /** The ids of the lines' items the mirror holds, by number (what the lines now refer to). */
  itemIds: ReadonlyMap<string, string>;
}

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

function headerData(kind: DocumentKind, doc: DocumentFields, syncStatus: SyncStatusValue) {
  return {
    number: doc.number,
    status: doc.status,
    issueDate: day(doc.issueDate),
    dueDate: day(doc.dueDate),
    currency: doc.currency,
    currencyRate: doc.currencyRate?.toFixed() ?? null,
    lineAmountType: doc.lineAmountType,
    reference: doc.reference,
    subTotal: doc.subTotal.toFixed(),
    totalTax: doc.totalTax.toFixed(),
    total: doc.total.toFixed(),
    amountPaid: doc.amountPaid.toFixed(),
    amountDue: doc.amountDue.toFixed(),
    syncStatus,
    ...(kind === 'invoice'
      ? { customerId: doc.partyId, externalDocumentNumber: doc.externalDocumentNumber }
      : { vendorId: doc.partyId, vendorInvoiceNumber: doc.vendorInvoiceNumber ?? null }),
    // Only the source that names the order says so: another system's copy leaves it as it is.
    ...(kind === 'invoice' && doc.orderNumber ? { orderNumber: doc.orderNumber } : {}),
    ...(kind === 'invoice' && doc.salesOrderId ? { salesOrderId: doc.salesOrderId } : {}),
  };
}

export class DocumentStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** Creates (id null) or replaces a document and its lines. */
  async save(
    tx: Tx,
    kind: DocumentKind,
    id: string | null,
    doc: DocumentFields,
    syncStatus: SyncStatusValue,
  ): Promise<SavedDocument> {
    const data = headerData(kind, doc, syncStatus);
    const row =
      kind === 'invoice'
        ? id
          ? await tx.invoice.update({ where: { id }, data: data })
          : await tx.invoice.create({ data: data as Prisma.InvoiceUncheckedCreateInput })
        : id
          ? await tx.bill.update({ where: { id }, data: data })
          : await tx.bill.create({ data: data as Prisma.BillUncheckedCreateInput });
    const itemIds = await this.replaceLines(tx, kind, row.id, doc.lines);
    return { id: row.id, number: row.number, updatedAt: row.updatedAt, itemIds };
  }

  private async replaceLines(
    tx: Tx,
    kind: DocumentKind,
    documentId: string,
    lines: LineDraft[],
  ): Promise<Map<string, string>> {
    const numbers = [...new Set(lines.flatMap((l) => (l.item?.number ? [l.item.number] : [])))];
    const items = numbers.length
      ? await tx.item.findMany({ where: { number: { in: numbers } }, select: { id: true, number: true } })
      : [];
    const itemId = new Map(items.map((i) => [i.number, i.id]));
    const values = await this.dimensionValues(tx, lines);
    const rows = lines.map((l) => ({
      id: randomUUID(),
      lineNo: l.lineNo,
      itemId: (l.item?.number && itemId.get(l.item.number)) ?? null,
      description: l.description,
      quantity: l.quantity.toFixed(),
      unitPrice: l.unitPrice.toFixed(),
      discountPercent: l.discountPercent.toFixed(),
      accountCode: l.accountCode,
      taxCode: l.taxCode,
      taxAmount: l.taxAmount.toFixed(),
      lineAmount: l.lineAmount.toFixed(),
    }));
    const dimensionRows = rows.flatMap((row, i) =>
      Object.entries(lines[i]?.dimensions ?? {}).flatMap(([dimension, value]) => {
        const valueId = values.get(`${dimension}\u0000${value}`);
        return valueId ? [{ lineId: row.id, dimensionValueId: valueId }] : [];
      }),
    );
    if (kind === 'invoice') {
      await tx.invoiceLine.deleteMany({ where: { invoiceId: documentId } });
      await tx.invoiceLine.createMany({ data: rows.map((r) => ({ ...r, invoiceId: documentId })) });
      if (dimensionRows.length) await tx.invoiceLineDimension.createMany({ data: dimensionRows });
    } else {
      await tx.billLine.deleteMany({ where: { billId: documentId } });
      await tx.billLine.createMany({ data: rows.map((r) => ({ ...r, billId: documentId })) });
      if (dimensionRows.length) await tx.billLineDimension.createMany({ data: dimensionRows });
    }
    return itemId;
  }

  /**
   * Dimension value ids by "dimension code NUL value code", for the values the mirror knows. One
   * statement: Prisma's nested select costs a second one even when no value matched.
   */
  private async dimensionValues(tx: Tx, lines: LineDraft[]): Promise<Map<string, string>> {
    const pairs = lines.flatMap((l) => Object.entries(l.dimensions));
    if (pairs.length === 0) return new Map();
    const rows = await tx.$queryRawUnsafe<{ id: string; dimension: string; code: string }[]>(
      `SELECT v.id::text AS id, d.code AS dimension, v.code
         FROM unnest($1::text[], $2::text[]) AS p(dimension, code)
         JOIN dimension d ON d.code = p.dimension
         JOIN dimension_value v ON v.dimension_id = d.id AND v.code = p.code`,
      pairs.map(([dimension]) => dimension),
      pairs.map(([, code]) => code),
    );
    return new Map(rows.map((r) => [`${r.dimension}\u0000${r.code}`, r.id]));
  }

  async byNumber(kind: DocumentKind, number: string, tx: Tx | PrismaClient = this.prisma) {
    const where = { where: { number }, select: { id: true, number: true, status: true } } as const;
    return kind === 'invoice' ? tx.invoice.findUnique(where) : tx.bill.findUnique(where);
  }

  async byId(kind: DocumentKind, id: string, tx: Tx | PrismaClient = this.prisma) {
    const where = { where: { id }, select: { id: true, number: true, status: true } } as const;
    return kind === 'invoice' ? tx.invoice.findUnique(where) : tx.bill.findUnique(where);
  }

  /** Payments moved: what is paid and due, and the status that follows (PAID once nothing is due). */
  async setPaymentState(
    tx: Tx,
    kind: DocumentKind,
    id: string,
    state: Pick<DocumentDraft, 'status' | 'amountPaid' | 'amountDue'>,
  ): Promise<void> {
    const data = {
      status: state.status,
      amountPaid: state.amountPaid.toFixed(),
      amountDue: state.amountDue.toFixed(),
    };
    if (kind === 'invoice') await tx.invoice.update({ where: { id }, data });
    else await tx.bill.update({ where: { id }, data });
  }

  /**
   * Locks the document's row for the rest of `tx` and reads what is paid and due: two payments
   * of one document then check the amount due one after the other, never both against the same.
   */
  async lockPaymentState(tx: Tx, kind: DocumentKind, id: string) {
    const table = kind === 'invoice' ? 'invoice' : 'bill';
    const [row] = await tx.$queryRawUnsafe<{ status: string; amount_paid: string; amount_due: string }[]>(
      `SELECT status::text AS status, amount_paid::text AS amount_paid, amount_due::text AS amount_due
         FROM ${table} WHERE id = $1::uuid FOR UPDATE`,
      id,
    );
    return row
      ? {
          status: row.status,
          amountPaid: new Decimal(row.amount_paid),
          amountDue: new Decimal(row.amount_due),
        }
      : null;
  }

  /** What the mirror shows as paid and due. */
  async paymentState(kind: DocumentKind, id: string) {
    const select = { status: true, amountPaid: true, amountDue: true } as const;
    const row =
      kind === 'invoice'
        ? await this.prisma.invoice.findUnique({ where: { id }, select })
        : await this.prisma.bill.findUnique({ where: { id }, select });
    return row
      ? {
          status: row.status,
          amountPaid: new Decimal(row.amountPaid.toString()),
          amountDue: new Decimal(row.amountDue.toString()),
        }
      : null;
  }

  /** After one of its jobs settled (or when nothing needed sending). */
  settle(tx: Tx, kind: DocumentKind, id: string): Promise<void> {
    return settleSyncStatus(tx, kind, id);
  }

  /** A document with its party's id and number (what a payment of it needs). */
  async summary(kind: DocumentKind, id: string) {
    if (kind === 'invoice') {
      const row = await this.prisma.invoice.findUnique({
        where: { id },
        select: { id: true, number: true, customer: { select: { id: true, number: true } } },
      });
      return row
        ? { id: row.id, number: row.number, partyId: row.customer.id, partyNumber: row.customer.number }
        : null;
    }
    const row = await this.prisma.bill.findUnique({
      where: { id },
      select: { id: true, number: true, vendor: { select: { id: true, number: true } } },
    });
    return row
      ? { id: row.id, number: row.number, partyId: row.vendor.id, partyNumber: row.vendor.number }
      : null;
  }

  /** The document as the mirror holds it, in the unified shape (what an update starts from). */
  async snapshot(kind: DocumentKind, id: string): Promise<DocumentFields | null> {
    const lineSelect = {
      orderBy: { lineNo: 'asc' },
      include: {
        item: { select: { number: true } },
        dimensions: { include: { dimensionValue: { include: { dimension: { select: { code: true } } } } } },
      },
    } as const;
    const row =
      kind === 'invoice'
        ? await this.prisma.invoice.findUnique({
            where: { id },
            include: { lines: lineSelect, customer: { select: { id: true, number: true } } },
          })
        : await this.prisma.bill.findUnique({
            where: { id },
            include: { lines: lineSelect, vendor: { select: { id: true, number: true } } },
          });
    if (!row) return null;
    const party =
      'customer' in row
        ? row.customer
        : (row as unknown as { vendor: { id: string; number: string | null } }).vendor;
    const dec = (v: { toString(): string }) => new Decimal(v.toString());
    const date = (d: Date) => d.toISOString().slice(0, 10);
    return {
      partyId: party.id,
      party: { number: party.number ?? undefined },
      number: row.number,
      status: row.status,
      issueDate: date(row.issueDate),
      dueDate: date(row.dueDate),
      currency: row.currency,
      currencyRate: row.currencyRate ? dec(row.currencyRate) : null,
      lineAmountType: row.lineAmountType,
      reference: row.reference,
      externalDocumentNumber: 'externalDocumentNumber' in row ? row.externalDocumentNumber : null,
      vendorInvoiceNumber: 'vendorInvoiceNumber' in row ? row.vendorInvoiceNumber : null,
      subTotal: dec(row.subTotal),
      totalTax: dec(row.totalTax),
      total: dec(row.total),
      amountPaid: dec(row.amountPaid),
      amountDue: dec(row.amountDue),
      lines: row.lines.map((l) => ({
        lineNo: l.lineNo,
        item: l.item ? { number: l.item.number } : null,
        description: l.description,
        quantity: dec(l.quantity),
        unitPrice: dec(l.unitPrice),
        discountPercent: dec(l.discountPercent),
        accountCode: l.accountCode,
        taxCode: l.taxCode,
        taxAmount: dec(l.taxAmount),
        lineAmount: dec(l.lineAmount),
        dimensions: Object.fromEntries(
          l.dimensions.map((d) => [d.dimensionValue.dimension.code, d.dimensionValue.code]),
        ),
      })),
    };
  }
}
