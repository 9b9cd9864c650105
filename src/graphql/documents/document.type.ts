// Invoices, bills, sales orders and their lines as the API shows them: the domain's fields, each
// with its GraphQL type; lines resolve through their own loader.
import { Field, Int, ObjectType } from 'type-graphql';
import type * as domain from '../../domain/index.js';
import type { Decimal } from '../../domain/money.js';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../scalars.js';
import { DocumentStatus, LineAmountType, SalesOrderStatus } from '../shared/enums.js';
import { Node } from '../shared/node.type.js';
import { MirroredRecord } from '../shared/record.type.js';

@ObjectType()
abstract class DocumentLineFields implements Omit<domain.DocumentLine, 'dimensionValueIds'> {
  id!: string;
  itemId!: string | null;

  @Field(() => Int, { description: 'NAV line number (10000, 20000…); order of lines.' })
  lineNo!: number;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => DecimalScalar)
  quantity!: Decimal;

  @Field(() => DecimalScalar)
  unitPrice!: Decimal;

  @Field(() => DecimalScalar, { description: 'Line discount in percent.' })
  discountPercent!: Decimal;

  @Field(() => String, { nullable: true, description: 'Xero AccountCode / NAV G/L account.' })
  accountCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Xero TaxType / NAV VAT posting group.' })
  taxCode!: string | null;

  @Field(() => DecimalScalar)
  taxAmount!: Decimal;

  @Field(() => DecimalScalar, { description: 'Quantity × price less discount, rounded per line.' })
  lineAmount!: Decimal;
}

@ObjectType()
export class InvoiceLine extends DocumentLineFields {}

@ObjectType()
export class BillLine extends DocumentLineFields {}

@ObjectType()
export class SalesOrderLine extends DocumentLineFields {
  @Field(() => DecimalScalar, { description: 'Shipped so far, as NAV reports it (Quantity Shipped).' })
  quantityShipped!: Decimal;

  @Field(() => DecimalScalar, { description: 'Invoiced so far (Quantity Invoiced).' })
  quantityInvoiced!: Decimal;

  @Field(() => DecimalScalar, {
    description: 'Still to ship (Outstanding Quantity); quantity less shipped until NAV reports it.',
  })
  outstandingQuantity!: Decimal;
}

@ObjectType()
abstract class DocumentTotals extends MirroredRecord {
  @Field(() => String)
  number!: string;

  @Field(() => String, { description: 'ISO 4217 currency code.' })
  currency!: string;

  @Field(() => LineAmountType)
  lineAmountType!: LineAmountType;

  @Field(() => String, { nullable: true })
  reference!: string | null;

  @Field(() => DecimalScalar)
  subTotal!: Decimal;

  @Field(() => DecimalScalar)
  totalTax!: Decimal;

  @Field(() => DecimalScalar)
  total!: Decimal;
}

@ObjectType()
abstract class AccountsDocument extends DocumentTotals {
  @Field(() => DocumentStatus)
  status!: DocumentStatus;

  @Field(() => DateScalar)
  issueDate!: string;

  @Field(() => DateScalar)
  dueDate!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Units of currency per unit of base currency.' })
  currencyRate!: Decimal | null;

  @Field(() => DecimalScalar)
  amountPaid!: Decimal;

  @Field(() => DecimalScalar)
  amountDue!: Decimal;
}

@ObjectType({ implements: Node, description: 'A sales invoice: NAV posted sales invoice ⇄ Xero ACCREC.' })
export class Invoice extends AccountsDocument implements Omit<domain.Invoice, 'lines'> {
  customerId!: string;
  salesOrderId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The sales order it was posted from, by its NAV/BC number (salesOrder: that order).',
  })
  orderNumber!: string | null;

  @Field(() => String, { nullable: true, description: "NAV's External Document No." })
  externalDocumentNumber!: string | null;
}

@ObjectType({ implements: Node, description: 'A purchase invoice: NAV purchase invoice ⇄ Xero ACCPAY.' })
export class Bill extends AccountsDocument implements Omit<domain.Bill, 'lines'> {
  vendorId!: string;

  @Field(() => String, { nullable: true, description: "The vendor's own invoice number." })
  vendorInvoiceNumber!: string | null;
}

@ObjectType({ implements: Node, description: 'A NAV sales order.' })
export class SalesOrder extends DocumentTotals implements Omit<domain.SalesOrder, 'lines'> {
  customerId!: string;

  @Field(() => SalesOrderStatus)
  status!: SalesOrderStatus;

  @Field(() => DateScalar)
  orderDate!: string;

  @Field(() => DateScalar, { nullable: true })
  requestedDate!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the mirror learnt the order was fully invoiced (or deleted in NAV).',
  })
  completedAt!: Date | null;
}
