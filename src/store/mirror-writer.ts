// Bulk writes into the mirror (fixtures, benchmarks, initial loads). Inserts in chunks so a
// 50,000-invoice load stays within PostgreSQL's parameter limit and modest memory.
import type { Prisma, PrismaClient } from './generated/client.js';

export interface MirrorInsert {
  customer: Prisma.CustomerCreateManyInput;
  vendor: Prisma.VendorCreateManyInput;
  item: Prisma.ItemCreateManyInput;
  salesOrder: Prisma.SalesOrderCreateManyInput;
  salesOrderLine: Prisma.SalesOrderLineCreateManyInput;
  invoice: Prisma.InvoiceCreateManyInput;
  invoiceLine: Prisma.InvoiceLineCreateManyInput;
  invoiceLineDimension: Prisma.InvoiceLineDimensionCreateManyInput;
  bill: Prisma.BillCreateManyInput;
  billLine: Prisma.BillLineCreateManyInput;
  billLineDimension: Prisma.BillLineDimensionCreateManyInput;
  payment: Prisma.PaymentCreateManyInput;
  ledgerEntry: Prisma.LedgerEntryCreateManyInput;
  dimension: Prisma.DimensionCreateManyInput;
  dimensionValue: Prisma.DimensionValueCreateManyInput;
  externalLink: Prisma.ExternalLinkCreateManyInput;
}

export type MirrorTable = keyof MirrorInsert;

const chunkSize = 1000;

export class MirrorWriter {
  constructor(private readonly prisma: PrismaClient) {}

  /** Inserts rows in chunks; returns how many were written. */
  async insert<T extends MirrorTable>(table: T, rows: readonly MirrorInsert[T][]): Promise<number> {
    const delegate = this.prisma[table] as unknown as {
      createMany(args: { data: MirrorInsert[T][] }): Promise<{ count: number }>;
    };
    let written = 0;
    for (let i = 0; i < rows.length; i += chunkSize) {
      const { count } = await delegate.createMany({ data: rows.slice(i, i + chunkSize) });
      written += count;
    }
    return written;
  }

  /** Removes every mirrored record and link (tests start from a clean mirror). */
  async truncateAll(): Promise<void> {
    await this.prisma.$executeRawUnsafe(
      `TRUNCATE external_link, payment, invoice_line_dimension, bill_line_dimension, invoice_line,
        bill_line, sales_order_line, invoice, bill, sales_order, ledger_entry, dimension_value, dimension,
        item, customer, vendor CASCADE`,
    );
  }
}
