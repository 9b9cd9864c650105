// Dimensions and their values as the API shows them: the domain's fields, each with its GraphQL type.
import { Field, ObjectType } from 'type-graphql';
import type * as domain from '../../domain/index.js';
import { Node } from '../shared/node.type.js';
import { MirroredRecord } from '../shared/record.type.js';

@ObjectType({ implements: Node, description: 'NAV dimension ⇄ Xero tracking category.' })
export class Dimension extends MirroredRecord implements domain.Dimension {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  blocked!: boolean;
}

@ObjectType({ implements: Node, description: 'NAV dimension value ⇄ Xero tracking option.' })
export class DimensionValue extends MirroredRecord implements domain.DimensionValue {
  dimensionId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  blocked!: boolean;
}
