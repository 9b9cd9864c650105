// Writes of NAV sales orders into the mirror (orders exist in NAV only; Xero has none), inside
// the caller's transaction, next to the order's outbox job and events.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from './generated/client.js';
import type { DocumentFields } from './documents.js';
import type { SyncStatusValue } from './sync-status.js';

type Tx = Prisma.TransactionClient;

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

export class SalesOrderStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** Creates an order (dates: issueDate = order date, dueDate = requested delivery date). */
  async create(tx: Tx, order: DocumentFields, requestedDate: string | null, syncStatus: SyncStatusValue) {
    const row = await tx.salesOrder.create({
      data: {
        number: order.number,
        customerId: order.partyId,
        orderDate: day(order.issueDate),
        requestedDate: requestedDate ? day(requestedDate) : null,
        status: 'OPEN',
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

  async numberTaken(number: string): Promise<boolean> {
    return (await this.prisma.salesOrder.count({ where: { number } })) > 0;
  }
}
