// Inputs of the document and payment mutations. Ids are global ids; codes are NAV's (G/L account
// No., VAT product posting group, dimension codes), translated for Xero by the lookup tables.
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import type { Decimal } from '../../domain/money.js';
import {
  newDocumentStatusSchema,
  type DocumentChangeInput,
  type DocumentLineChangeInput,
  type PaymentChangeInput,
  type SalesOrderChangeInput,
} from '../../sync/pipelines/documents/inputs.js';
import { DateScalar, DecimalScalar } from '../scalars.js';
import { enumOf, LineAmountType, type ValueOf } from '../shared/enums.js';
import type { InputFields } from '../shared/input-fields.js';

export const NewDocumentStatus = enumOf(newDocumentStatusSchema.options);
export type NewDocumentStatus = ValueOf<typeof NewDocumentStatus>;
registerEnumType(NewDocumentStatus, {
  name: 'NewDocumentStatus',
  valuesConfig: {
    AUTHORISED: { description: 'In the books: approved in Xero, posted in NAV.' },
    DRAFT: { description: 'A draft in Xero, an unposted document in NAV.' },
  },
});

@InputType({ description: 'A dimension value on a line (Xero: a tracking option).' })
export class LineDimensionInput implements InputFields<
  NonNullable<DocumentLineChangeInput['dimensions']>[number]
> {
  @Field(() => String, { description: 'NAV dimension code, e.g. DEPARTMENT.' })
  dimension!: string;

  @Field(() => String, { description: 'NAV dimension value code, e.g. SALES.' })
  value!: string;
}

@InputType()
export class DocumentLineInput implements InputFields<DocumentLineChangeInput> {
  @Field(() => ID, { nullable: true, description: 'An item; its sales or purchase account is used.' })
  itemId!: string | null | undefined;

  @Field(() => String, { nullable: true })
  description!: string | null | undefined;

  @Field(() => DecimalScalar)
  quantity!: Decimal;

  @Field(() => DecimalScalar)
  unitPrice!: Decimal;

  @Field(() => DecimalScalar, { nullable: true, description: 'Percent, 0 to 100.' })
  discountPercent!: Decimal | null | undefined;

  @Field(() => String, { nullable: true, description: 'NAV G/L account No.; required without an item.' })
  accountCode!: string | null | undefined;

  @Field(() => String, { description: 'NAV VAT product posting group, e.g. VAT20.' })
  taxCode!: string;

  @Field(() => [LineDimensionInput], { nullable: true })
  dimensions!: LineDimensionInput[] | null | undefined;
}

const RATE_INPUT =
  'Units of the currency per 1 unit of base currency (Xero CurrencyRate = NAV Currency Factor), > 0, at most 6 decimals. Omitted: each book applies its own rate for the day.';

@InputType({ description: 'A sales invoice (customerId) or a purchase bill (vendorId).' })
export class DocumentInput implements InputFields<Omit<DocumentChangeInput, 'partyId'>> {
  @Field(() => String, { description: 'The document number both books show (NAV: at most 20 characters).' })
  number!: string;

  @Field(() => ID, { nullable: true, description: 'Invoices: the customer.' })
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Bills: the vendor.' })
  vendorId?: string | null;

  @Field(() => NewDocumentStatus, { defaultValue: NewDocumentStatus.AUTHORISED })
  status!: NewDocumentStatus;

  @Field(() => DateScalar)
  issueDate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default: the issue date.' })
  dueDate!: string | null | undefined;

  @Field(() => String, { nullable: true, description: "Default: the customer's or vendor's currency." })
  currency!: string | null | undefined;

  @Field(() => DecimalScalar, { nullable: true, description: RATE_INPUT })
  currencyRate!: Decimal | null | undefined;

  @Field(() => LineAmountType, { defaultValue: LineAmountType.EXCLUSIVE })
  lineAmountType!: LineAmountType;

  @Field(() => String, { nullable: true })
  reference!: string | null | undefined;

  @Field(() => String, { nullable: true, description: "Bills: the vendor's own invoice number." })
  vendorInvoiceNumber!: string | null | undefined;

  @Field(() => [DocumentLineInput])
  lines!: DocumentLineInput[];
}

@InputType({ description: 'Money received against an invoice or paid against a bill.' })
export class PaymentInput implements InputFields<PaymentChangeInput> {
  @Field(() => ID, { description: 'The invoice or bill paid.' })
  documentId!: string;

  @Field(() => DecimalScalar)
  amount!: Decimal;

  @Field(() => DateScalar)
  paymentDate!: string;

  @Field(() => String, { description: 'The bank account, as a NAV G/L account No., e.g. 2910.' })
  accountCode!: string;

  @Field(() => String, { nullable: true })
  reference!: string | null | undefined;

  @Field(() => DecimalScalar, { nullable: true, description: RATE_INPUT })
  currencyRate!: Decimal | null | undefined;
}

@InputType({ description: 'An open NAV sales order (Xero keeps no orders; NAV invoices it later).' })
export class SalesOrderInput implements InputFields<Omit<SalesOrderChangeInput, 'partyId'>> {
  @Field(() => String, { description: 'The order number (NAV: at most 20 characters).' })
  number!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => DateScalar)
  orderDate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Requested delivery date.' })
  requestedDate!: string | null | undefined;

  @Field(() => String, { nullable: true, description: "Default: the customer's currency." })
  currency!: string | null | undefined;

  @Field(() => LineAmountType, { defaultValue: LineAmountType.EXCLUSIVE })
  lineAmountType!: LineAmountType;

  @Field(() => String, { nullable: true })
  reference!: string | null | undefined;

  @Field(() => [DocumentLineInput])
  lines!: DocumentLineInput[];
}
