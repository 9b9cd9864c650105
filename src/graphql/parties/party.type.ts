// Customers and vendors as the API shows them: the domain's fields, each with its GraphQL type.
import { Field, ObjectType } from 'type-graphql';
import type * as domain from '../../domain/index.js';
import type { Decimal } from '../../domain/money.js';
import { DecimalScalar } from '../scalars.js';
import { Address } from '../shared/address.type.js';
import { PartyStatus } from '../shared/enums.js';
import { Node } from '../shared/node.type.js';
import { MirroredRecord } from '../shared/record.type.js';

@ObjectType()
abstract class Party extends MirroredRecord implements domain.PartyFields {
  @Field(() => String, { nullable: true, description: 'NAV No. (Xero ContactNumber).' })
  number!: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'VAT registration / tax number.' })
  taxNumber!: string | null;

  @Field(() => String, { description: 'ISO 4217 currency code.' })
  currency!: string;

  @Field(() => PartyStatus)
  status!: PartyStatus;

  @Field(() => String, { nullable: true })
  paymentTerms!: string | null;

  @Field(() => Address, { nullable: true })
  address!: Address | null;
}

@ObjectType({ implements: Node, description: 'A customer: NAV customer card ⇄ Xero contact (customer).' })
export class Customer extends Party implements domain.Customer {
  @Field(() => DecimalScalar, { nullable: true, description: 'Credit limit in the customer currency.' })
  creditLimit!: Decimal | null;
}

@ObjectType({ implements: Node, description: 'A vendor: NAV vendor card ⇄ Xero contact (supplier).' })
export class Vendor extends Party implements domain.Vendor {}
