// Prisma rows → unified domain records. Prisma's own Decimal becomes decimal.js; DATE columns
// become accounting-date strings.
import { Decimal } from '../domain/money.js';
import { toAccountingDate } from '../domain/dates.js';
import type {
  Address,
  Customer,
  Vendor,
  Item,
  Payment,
  LedgerEntry,
  Dimension,
  DimensionValue,
} from '../domain/index.js';
import type { DocumentLine } from '../domain/document.js';
import type { Invoice } from '../domain/invoice.js';
import type { Bill } from '../domain/bill.js';
import type { SalesOrder } from '../domain/sales-order.js';
import type * as rows from './generated/client.js';

type PrismaDecimal = { toString(): string };

export const dec = (value: PrismaDecimal): Decimal => new Decimal(value.toString());
export const decOrNull = (value: PrismaDecimal | null): Decimal | null =>
  value === null ? null : dec(value);

function address(json: unknown): Address | null {
  return json && typeof json === 'object' ? json : null;
}

export function customerFromRow(row: rows.Customer): Customer {
  // The match keys are the store's own index, not part of the customer.
  const { matchName: _name, matchEmail: _email, ...customer } = row;
  return { ...customer, address: address(row.address), creditLimit: decOrNull(row.creditLimit) };
}

export function vendorFromRow(row: rows.Vendor): Vendor {
  return { ...row, address: address(row.address) };
}

/** An item with its quantity on hand (read-only, from the system that reported it). */
export type ItemRecord = Item & { inventory: Decimal | null; inventorySource: rows.Item['inventorySource'] };

export function itemFromRow(row: rows.Item): ItemRecord {
  return {
    ...row,
    unitPrice: decOrNull(row.unitPrice),
    unitCost: decOrNull(row.unitCost),
    inventory: decOrNull(row.inventory),
  };
}

type LineRow = rows.InvoiceLine | rows.BillLine | rows.SalesOrderLine;

/** Document lines without their dimensions (loaded separately, batched). */
export function lineFromRow(row: LineRow): Omit<DocumentLine, 'dimensionValueIds'> {
  return {
    id: row.id,
    lineNo: row.lineNo,
    itemId: row.itemId,
    description: row.description,
    quantity: dec(row.quantity),
    unitPrice: dec(row.unitPrice),
    discountPercent: dec(row.discountPercent),
    accountCode: row.accountCode,
    taxCode: row.taxCode,
    taxAmount: dec(row.taxAmount),
    lineAmount: dec(row.lineAmount),
  };
}

/** A sales order line with what its system reports shipped, invoiced and outstanding. */
export function salesOrderLineFromRow(row: rows.SalesOrderLine) {
  const shipped = dec(row.quantityShipped);
  return {
    ...lineFromRow(row),
    quantityShipped: shipped,
    quantityInvoiced: dec(row.quantityInvoiced),
    // Not read back yet: all that has not shipped.
    outstandingQuantity:
      row.outstandingQuantity === null ? dec(row.quantity).minus(shipped) : dec(row.outstandingQuantity),
  };
}

/** Header fields; lines resolve through their own loader. */
export type InvoiceHeader = Omit<Invoice, 'lines'> & {
  /** The order number the posted invoice names, and that order when the mirror holds it. */
  orderNumber: string | null;
  salesOrderId: string | null;
};
export type BillHeader = Omit<Bill, 'lines'>;
export type SalesOrderHeader = Omit<SalesOrder, 'lines'>;

function documentMoney(row: rows.Invoice | rows.Bill) {
  return {
    currencyRate: decOrNull(row.currencyRate),
    subTotal: dec(row.subTotal),
    totalTax: dec(row.totalTax),
    total: dec(row.total),
    amountPaid: dec(row.amountPaid),
    amountDue: dec(row.amountDue),
    issueDate: toAccountingDate(row.issueDate),
    dueDate: toAccountingDate(row.dueDate),
  };
}

export function invoiceFromRow(row: rows.Invoice): InvoiceHeader {
  return { ...row, ...documentMoney(row) };
}

export function billFromRow(row: rows.Bill): BillHeader {
  return { ...row, ...documentMoney(row) };
}

export function salesOrderFromRow(row: rows.SalesOrder): SalesOrderHeader {
  return {
    ...row,
    orderDate: toAccountingDate(row.orderDate),
    requestedDate: row.requestedDate ? toAccountingDate(row.requestedDate) : null,
    subTotal: dec(row.subTotal),
    totalTax: dec(row.totalTax),
    total: dec(row.total),
  };
}

export function paymentFromRow(row: rows.Payment): Payment {
  return {
    ...row,
    paymentDate: toAccountingDate(row.paymentDate),
    amount: dec(row.amount),
    currencyRate: decOrNull(row.currencyRate),
  };
}

export function ledgerEntryFromRow(row: rows.LedgerEntry): LedgerEntry {
  return {
    ...row,
    postingDate: toAccountingDate(row.postingDate),
    // Only the pull sets it, and only to an invoice, bill or payment.
    documentKind: row.documentKind as LedgerEntry['documentKind'],
    debit: dec(row.debit),
    credit: dec(row.credit),
    dimensions: (row.dimensions ?? {}) as Record<string, string>,
  };
}

export function dimensionFromRow(row: rows.Dimension): Dimension {
  return row;
}

export function dimensionValueFromRow(row: rows.DimensionValue): DimensionValue {
  return row;
}
