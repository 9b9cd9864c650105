// Writes of NAV sales orders into the mirror (orders exist in NAV only; Xero has none), inside
// the caller's transaction, next to the order's outbox job and events; and what NAV reports back
// about them: status, per line what shipped and was invoiced, and the invoices posted from them.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from './generated/client.js';
import type { DocumentFields } from './documents.js';
import type { SyncStatusValue } from './sync-status.js';
import type { Decimal } from '../domain/money.js';

type Tx = Prisma.TransactionClient;

export type SalesOrderStatusValue = Prisma.SalesOrderGetPayload<object>['status'];

/** Where an order stands, as its system reports it. */
export interface OrderProgress {
  status: SalesOrderStatusValue;
  completedAt: Date | null;
  lines: { lineNo: number; shipped: Decimal; invoiced: Decimal; outstanding: Decimal }[];
}

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

export class SalesOrderStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** Creates an order (dates: issueDate = order date, dueDate = requested delivery date). */
  async create(
    tx: Tx,
    order: DocumentFields,
    requestedDate: string | null,
    syncStatus: SyncStatusValue,
    status: SalesOrderStatusValue = 'OPEN',
  ) {
    const row = await tx.salesOrder.create({
      data: {
        number: order.number,
        customerId: order.partyId,
        orderDate: day(order.issueDate),
        requestedDate: requestedDate ? day(requestedDate) : null,
        status,
        currency: order.currency,
        lineAmountType: order.lineAmountType,
        reference: order.reference,
        subTotal: order.subTotal.toFixed(),
        totalTax: order.totalTax.toFixed(),
        total: order.total.toFixed(),
        syncStatus,
      },
    });
    const items = await tx.item.findMany({
      where: { number: { in: order.lines.flatMap((l) => (l.item?.number ? [l.item.number] : [])) } },
      select: { id: true, number: true },
    });
    await tx.salesOrderLine.createMany({
      data: order.lines.map((l) => ({
        id: randomUUID(),
        salesOrderId: row.id,
        lineNo: l.lineNo,
        itemId: items.find((i) => i.number === l.item?.number)?.id ?? null,
        description: l.description,
        quantity: l.quantity.toFixed(),
        unitPrice: l.unitPrice.toFixed(),
        discountPercent: l.discountPercent.toFixed(),
        accountCode: l.accountCode,
        taxCode: l.taxCode,
        taxAmount: l.taxAmount.toFixed(),
        lineAmount: l.lineAmount.toFixed(),
      })),
    });
    return { id: row.id };
  }

  async idByNumber(number: string): Promise<string | null> {
    return (await this.prisma.salesOrder.findUnique({ where: { number }, select: { id: true } }))?.id ?? null;
  }

  async numberTaken(number: string): Promise<boolean> {
    return (await this.prisma.salesOrder.count({ where: { number } })) > 0;
  }

  /** The orders among these not yet completed, with their lines' progress (one query). */
  openWithLines(ids: readonly string[]) {
    return this.prisma.salesOrder.findMany({
      where: { id: { in: [...ids] }, completedAt: null },
      select: {
        id: true,
        status: true,
        lines: {
          select: {
            lineNo: true,
            quantity: true,
            quantityShipped: true,
            quantityInvoiced: true,
            outstandingQuantity: true,
            item: { select: { number: true } },
          },
        },
      },
    });
  }

  /** Records the order's status and each known line's quantities (lines matched by number). */
  async applyProgress(tx: Tx, id: string, progress: OrderProgress): Promise<void> {
    await tx.salesOrder.update({
      where: { id },
      data: { status: progress.status, completedAt: progress.completedAt },
    });
    for (const line of progress.lines)
      await tx.salesOrderLine.updateMany({
        where: { salesOrderId: id, lineNo: line.lineNo },
        data: {
          quantityShipped: line.shipped.toFixed(),
          quantityInvoiced: line.invoiced.toFixed(),
          outstandingQuantity: line.outstanding.toFixed(),
        },
      });
  }

  /** Points the invoices posted from this order (by the order number they name) at it. */
  async linkInvoices(tx: Tx, id: string, orderNumber: string): Promise<number> {
    const { count } = await tx.invoice.updateMany({
      where: { orderNumber, salesOrderId: null },
      data: { salesOrderId: id },
    });
    return count;
  }

  /** How many invoices were posted from this order (linked, or naming its number). */
  invoiceCount(id: string, orderNumber: string | null): Promise<number> {
    return this.prisma.invoice.count({
      where: { OR: [{ salesOrderId: id }, ...(orderNumber ? [{ orderNumber }] : [])] },
    });
  }
}
