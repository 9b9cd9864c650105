import { Field, ObjectType } from 'type-graphql';
import { Node } from '../shared/node.type.js';
import { MirroredRecord } from '../shared/record.type.js';

@ObjectType({ implements: Node, description: 'NAV dimension ⇄ Xero tracking category.' })
export class Dimension extends MirroredRecord {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  blocked!: boolean;
}

@ObjectType({ implements: Node, description: 'NAV dimension value ⇄ Xero tracking option.' })
export class DimensionValue extends MirroredRecord {
  dimensionId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  blocked!: boolean;
}
