// Items as the API shows them: the domain's fields, each with its GraphQL type.
import { Field, ObjectType } from 'type-graphql';
import type * as domain from '../../domain/index.js';
import type { Decimal } from '../../domain/money.js';
import { DecimalScalar } from '../scalars.js';
import { ItemType, SourceSystem } from '../shared/enums.js';
import { Node } from '../shared/node.type.js';
import { MirroredRecord } from '../shared/record.type.js';

@ObjectType({ implements: Node, description: 'A product or service: NAV item ⇄ Xero item.' })
export class Item extends MirroredRecord implements domain.Item {
  @Field(() => String, { description: 'NAV item No. and Xero item Code.' })
  number!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => ItemType)
  type!: ItemType;

  @Field(() => String, { nullable: true })
  unitOfMeasure!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  unitPrice!: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  unitCost!: Decimal | null;

  @Field(() => String, { nullable: true })
  salesAccountCode!: string | null;

  @Field(() => String, { nullable: true })
  purchaseAccountCode!: string | null;

  @Field(() => String, { nullable: true })
  taxCode!: string | null;

  @Field(() => Boolean)
  blocked!: boolean;

  /** Read by the `inventory` field. */
  inventorySource!: SourceSystem | null;
}

@ObjectType({ description: 'Quantity on hand, as the system that keeps the stock reports it (read-only).' })
export class ItemInventory {
  @Field(() => DecimalScalar, { description: 'NAV Inventory; Xero QuantityOnHand of a tracked item.' })
  quantityOnHand!: Decimal;

  @Field(() => SourceSystem, { description: 'The system it was read from.' })
  source!: SourceSystem;
}
