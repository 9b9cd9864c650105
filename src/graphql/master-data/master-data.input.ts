// Inputs of the master-data mutations and the options every mutation takes.
import { Field, ID, InputType } from 'type-graphql';
import type { Decimal } from '../../domain/money.js';
import type { ItemChangeInput, PartyChangeInput } from '../../sync/pipelines/master-data/accept.js';
import { DecimalScalar } from '../scalars.js';
import { ItemType, PartyStatus, SourceSystem } from '../shared/enums.js';
import type { InputFields } from '../shared/input-fields.js';

@InputType()
export class AddressInput implements InputFields<NonNullable<PartyChangeInput['address']>> {
  @Field(() => String, { nullable: true })
  line1!: string | null | undefined;

  @Field(() => String, { nullable: true })
  line2!: string | null | undefined;

  @Field(() => String, { nullable: true })
  city!: string | null | undefined;

  @Field(() => String, { nullable: true })
  region!: string | null | undefined;

  @Field(() => String, { nullable: true })
  postalCode!: string | null | undefined;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2' })
  country!: string | null | undefined;
}

@InputType({
  description:
    'A customer or vendor. Without id, a record with the same number is updated, else one is created.',
})
export class PartyInput implements InputFields<PartyChangeInput> {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'NAV No.; assigned by NAV when absent.' })
  number!: string | null | undefined;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email!: string | null | undefined;

  @Field(() => String, { nullable: true })
  phone!: string | null | undefined;

  @Field(() => String, { nullable: true })
  taxNumber!: string | null | undefined;

  @Field(() => String, { description: 'ISO 4217 currency code.' })
  currency!: string;

  @Field(() => PartyStatus, { defaultValue: PartyStatus.ACTIVE })
  status!: PartyStatus;

  @Field(() => String, { nullable: true, description: 'NAV payment terms code, e.g. "30 DAYS".' })
  paymentTerms!: string | null | undefined;

  @Field(() => DecimalScalar, { nullable: true, description: 'Customers only.' })
  creditLimit!: Decimal | null | undefined;

  @Field(() => AddressInput, { nullable: true })
  address!: AddressInput | null | undefined;
}

@InputType()
export class ItemInput implements InputFields<ItemChangeInput> {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { description: 'NAV item No. / Xero item Code.' })
  number!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null | undefined;

  @Field(() => ItemType, { defaultValue: ItemType.INVENTORY })
  type!: ItemType;

  @Field(() => String, { nullable: true })
  unitOfMeasure!: string | null | undefined;

  @Field(() => DecimalScalar, { nullable: true })
  unitPrice!: Decimal | null | undefined;

  @Field(() => DecimalScalar, { nullable: true })
  unitCost!: Decimal | null | undefined;

  @Field(() => String, { nullable: true, description: 'NAV G/L account No.' })
  salesAccountCode!: string | null | undefined;

  @Field(() => String, { nullable: true, description: 'NAV G/L account No.' })
  purchaseAccountCode!: string | null | undefined;

  @Field(() => String, { nullable: true, description: 'NAV VAT product posting group.' })
  taxCode!: string | null | undefined;

  @Field(() => Boolean, { defaultValue: false })
  blocked!: boolean;
}

@InputType({ description: 'How a change is pushed.' })
export class MutationOptions {
  @Field(() => [SourceSystem], {
    nullable: true,
    description: 'Systems to push to; default: every connected one.',
  })
  targets?: SourceSystem[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The same key with the same input returns the first result; with another input it is refused.',
  })
  idempotencyKey?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Wait (up to 30 s) for the pushes to settle.' })
  wait!: boolean;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'Create a customer even when one with the same e-mail or the same name (ignoring case, punctuation and legal form) exists; otherwise that is a DUPLICATE_PARTY user error.',
  })
  allowDuplicate!: boolean;
}
