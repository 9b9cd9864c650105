// Relay's node(id): any record by its global id.
import { Authorized, Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { EntityKey } from '../../store/entities.js';
import type { GraphQLContext } from '../context.js';
import { fromGlobalId } from '../global-id.js';
import { Node, typenameKey } from './node.type.js';
import { UserInputError } from '../../domain/errors.js';

const keysByTypename: Record<string, EntityKey> = {
  Customer: 'customer',
  Vendor: 'vendor',
  Item: 'item',
  SalesOrder: 'salesOrder',
  Invoice: 'invoice',
  Bill: 'bill',
  Payment: 'payment',
  LedgerEntry: 'ledgerEntry',
  Dimension: 'dimension',
  DimensionValue: 'dimensionValue',
};

@Resolver()
export class NodeResolver {
  @Authorized('viewer')
  @Query(() => Node, { nullable: true, description: 'Any record by its global id.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const parsed = fromGlobalId(id);
    const key = parsed ? keysByTypename[parsed.typeName] : undefined;
    if (!parsed || !key) throw new UserInputError(`"${id}" is not a global id issued by this API.`, ['id']);
    const record = await ctx.loaders.byId(key).load(parsed.id);
    return record ? { ...record, [typenameKey]: parsed.typeName } : null;
  }
}
