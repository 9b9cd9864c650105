// Filter inputs. Ranges are inclusive; ids are global ids of the referenced type.
import { Field, ID, InputType } from 'type-graphql';
import type { Decimal } from '../../domain/money.js';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../scalars.js';
import {
  DocumentStatus,
  ItemType,
  PartyStatus,
  PaymentDirection,
  PaymentStatus,
  SalesOrderStatus,
  SourceSystem,
  SyncStatus,
} from './enums.js';

@InputType({ description: 'Customer and vendor filters; all given conditions must hold.' })
export class PartyFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text in name, email or number.' })
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact name, ignoring case.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact email, ignoring case.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'NAV No.' })
  number?: string | null;

  @Field(() => String, { nullable: true })
  taxNumber?: string | null;

  @Field(() => [PartyStatus], { nullable: true })
  status?: PartyStatus[] | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Changed in the mirror at or after.' })
  modifiedSince?: Date | null;
}

@InputType()
export class ItemFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text in name or number.' })
  search?: string | null;

  @Field(() => String, { nullable: true })
  number?: string | null;

  @Field(() => [ItemType], { nullable: true })
  type?: ItemType[] | null;

  @Field(() => Boolean, { nullable: true })
  blocked?: boolean | null;

  @Field(() => DateTimeScalar, { nullable: true })
  modifiedSince?: Date | null;
}

@InputType()
abstract class AccountsDocumentFilter {
  @Field(() => [DocumentStatus], { nullable: true })
  status?: DocumentStatus[] | null;

  @Field(() => String, { nullable: true })
  number?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Issued on or after.' })
  issueDateFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Issued on or before.' })
  issueDateTo?: string | null;

  @Field(() => DateScalar, { nullable: true })
  dueDateFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  dueDateTo?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Total at least this amount.' })
  totalMin?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Total at most this amount.' })
  totalMax?: Decimal | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: something is left to pay; false: settled.' })
  unpaid?: boolean | null;

  @Field(() => [SyncStatus], {
    nullable: true,
    description: 'Any of these sync statuses; PARTIAL: committed in one book and refused by another.',
  })
  syncStatus?: SyncStatus[] | null;

  @Field(() => DateTimeScalar, { nullable: true })
  modifiedSince?: Date | null;
}

@InputType()
export class InvoiceFilter extends AccountsDocumentFilter {
  @Field(() => ID, { nullable: true })
  customerId?: string | null;
}

@InputType()
export class BillFilter extends AccountsDocumentFilter {
  @Field(() => ID, { nullable: true })
  vendorId?: string | null;
}

@InputType()
export class SalesOrderFilter {
  @Field(() => [SalesOrderStatus], { nullable: true })
  status?: SalesOrderStatus[] | null;

  @Field(() => String, { nullable: true })
  number?: string | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  orderDateFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  orderDateTo?: string | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  modifiedSince?: Date | null;
}

@InputType()
export class PaymentFilter {
  @Field(() => PaymentDirection, { nullable: true })
  direction?: PaymentDirection | null;

  @Field(() => [PaymentStatus], { nullable: true })
  status?: PaymentStatus[] | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  vendorId?: string | null;

  @Field(() => ID, { nullable: true })
  invoiceId?: string | null;

  @Field(() => ID, { nullable: true })
  billId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  dateFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  dateTo?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  amountMin?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  amountMax?: Decimal | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;

  @Field(() => [SyncStatus], {
    nullable: true,
    description: 'Any of these sync statuses; PARTIAL: committed in one book and refused by another.',
  })
  syncStatus?: SyncStatus[] | null;

  @Field(() => DateTimeScalar, { nullable: true })
  modifiedSince?: Date | null;
}

@InputType({
  description: 'A dimension value, by the dimension code and the value code (unified: NAV codes).',
})
export class DimensionValueRef {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  value!: string;
}

@InputType()
export class LedgerEntryFilter {
  @Field(() => SourceSystem, { nullable: true, description: 'The book the entries were read from.' })
  system?: SourceSystem | null;

  @Field(() => String, { nullable: true, description: "The account's code in the entry's own book." })
  accountCode?: string | null;

  @Field(() => String, { nullable: true })
  documentNumber?: string | null;

  @Field(() => ID, { nullable: true, description: 'The invoice, bill or payment the entries posted.' })
  documentId?: string | null;

  @Field(() => DimensionValueRef, { nullable: true })
  dimension?: DimensionValueRef | null;

  @Field(() => DateScalar, { nullable: true })
  postingDateFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  postingDateTo?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  modifiedSince?: Date | null;
}

@InputType()
export class DimensionFilter {
  @Field(() => String, { nullable: true })
  code?: string | null;

  @Field(() => Boolean, { nullable: true })
  blocked?: boolean | null;
}

@InputType()
export class DimensionValueFilter extends DimensionFilter {
  @Field(() => ID, { nullable: true })
  dimensionId?: string | null;
}
