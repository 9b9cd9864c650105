// G/L entries as the API shows them: the domain's fields, each with its GraphQL type.
import { Field, Int, ObjectType } from 'type-graphql';
import type * as domain from '../../domain/index.js';
import type { Decimal } from '../../domain/money.js';
import { DateScalar, DecimalScalar } from '../scalars.js';
import { Node } from '../shared/node.type.js';
import { MirroredRecord } from '../shared/record.type.js';

@ObjectType({ description: 'A dimension on a ledger entry, by code.' })
export class DimensionTag {
  @Field(() => String)
  dimension!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType({ implements: Node, description: 'A general ledger entry (NAV G/L entry, Xero journal line).' })
export class LedgerEntry extends MirroredRecord implements domain.LedgerEntry {
  @Field(() => Int)
  entryNo!: number;

  @Field(() => DateScalar)
  postingDate!: string;

  @Field(() => String, { nullable: true })
  documentType!: string | null;

  @Field(() => String)
  documentNumber!: string;

  @Field(() => String)
  accountCode!: string;

  @Field(() => String, { nullable: true })
  accountName!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => DecimalScalar)
  debit!: Decimal;

  @Field(() => DecimalScalar)
  credit!: Decimal;

  @Field(() => String)
  currency!: string;

  dimensions!: Record<string, string>;
}
