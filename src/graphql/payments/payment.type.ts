// Payments as the API shows them: the domain's fields, each with its GraphQL type.
import { Field, ObjectType } from 'type-graphql';
import type * as domain from '../../domain/index.js';
import type { Decimal } from '../../domain/money.js';
import { DateScalar, DecimalScalar } from '../scalars.js';
import { PaymentDirection, PaymentStatus } from '../shared/enums.js';
import { Node } from '../shared/node.type.js';
import { MirroredRecord } from '../shared/record.type.js';

@ObjectType({ implements: Node, description: 'Money received for an invoice or paid for a bill.' })
export class Payment extends MirroredRecord implements domain.Payment {
  customerId!: string | null;
  vendorId!: string | null;
  invoiceId!: string | null;
  billId!: string | null;

  @Field(() => PaymentDirection)
  direction!: PaymentDirection;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => DateScalar)
  paymentDate!: string;

  @Field(() => DecimalScalar)
  amount!: Decimal;

  @Field(() => String)
  currency!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Units of currency per 1 unit of base currency on the payment date (Xero CurrencyRate, NAV Currency Factor).',
  })
  currencyRate!: Decimal | null;

  @Field(() => String, { nullable: true })
  reference!: string | null;

  @Field(() => String, { nullable: true, description: 'The bank account the money moved through.' })
  accountCode!: string | null;
}
