// G/L entries as the API shows them: the domain's fields, each with its GraphQL type.
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type * as domain from '../../domain/index.js';
import type { Decimal } from '../../domain/money.js';
import { DateScalar, DecimalScalar } from '../scalars.js';
import { Node } from '../shared/node.type.js';
import { MirroredRecord } from '../shared/record.type.js';
import { SourceSystem } from '../shared/enums.js';

@ObjectType({ description: 'A dimension on a ledger entry, by code.' })
export class DimensionTag {
  @Field(() => String)
  dimension!: string;

  @Field(() => String)
  value!: string;
}

export enum LedgerDocumentKind {
  INVOICE = 'INVOICE',
  BILL = 'BILL',
  PAYMENT = 'PAYMENT',
}
registerEnumType(LedgerDocumentKind, {
  name: 'LedgerDocumentKind',
  description: 'The kind of mirror document a ledger entry posted.',
});

@ObjectType({
  implements: Node,
  description:
    'A general ledger entry of one book (NAV/BC G/L entry, Xero journal line), read from that system and never pushed to another.',
})
export class LedgerEntry extends MirroredRecord implements domain.LedgerEntry {
  @Field(() => SourceSystem, { description: 'The book the entry was read from.' })
  system!: SourceSystem;

  @Field(() => String, { description: 'Xero tenant id or NAV/BC company.' })
  tenant!: string;

  @Field(() => Int, { description: 'NAV/BC entry No.; Xero journal number.' })
  entryNo!: number;

  @Field(() => Int, { description: "Xero: the line's place in its journal (from 1); NAV/BC: 0." })
  lineNo!: number;

  @Field(() => String, { description: "The system's own key of the entry." })
  externalId!: string;

  @Field(() => String, { nullable: true, description: 'Xero SourceType: the kind of transaction posted.' })
  sourceType!: string | null;

  @Field(() => String, { nullable: true, description: 'Xero SourceID: the transaction posted.' })
  sourceId!: string | null;

  @Field(() => LedgerDocumentKind, { nullable: true })
  documentKind!: domain.LedgerDocumentKind | null;

  /** The mirror uuid; the resolver answers with the document's global id. */
  documentId!: string | null;

  @Field(() => DateScalar)
  postingDate!: string;

  @Field(() => String, { nullable: true })
  documentType!: string | null;

  @Field(() => String)
  documentNumber!: string;

  @Field(() => String, { description: "The account's code in the entry's own book." })
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
