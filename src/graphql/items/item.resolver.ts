import { Authorized, Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Decimal } from '../../domain/money.js';
import { itemWhere, sortFields } from '../../store/filters.js';
import type { GraphQLContext } from '../context.js';
import { ItemFilter } from '../shared/filters.input.js';
import { ItemOrder } from '../shared/order.input.js';
import { ConnectionArgs } from '../shared/paging.input.js';
import { connectionTypes } from '../shared/connection.type.js';
import { SortDirection } from '../shared/enums.js';
import { Item, ItemInventory } from './item.type.js';
import { entityResolverBase } from '../shared/entity-base.js';
import { findOne, listPage } from '../shared/query-helpers.js';

export const ItemConnection = connectionTypes(Item, 'Item');
const defaultOrder: ItemOrder = { field: 'NUMBER', direction: SortDirection.ASC };

@Resolver(() => Item)
export class ItemResolver extends entityResolverBase(Item, 'Item', 'item') {
  @Authorized('viewer')
  @Query(() => ItemConnection, { description: 'Items from the mirror, paged.' })
  items(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => ItemFilter, { nullable: true }) filter: ItemFilter | null,
    @Arg('orderBy', () => ItemOrder, { nullable: true }) orderBy: ItemOrder | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return listPage(
      ctx,
      'item',
      itemWhere(filter ?? {}),
      sortFields.item,
      orderBy ?? defaultOrder,
      page,
      (p) => ItemConnection.from(p),
    );
  }

  @Authorized('viewer')
  @Query(() => Item, { nullable: true, description: 'One item by id, NAV No. or Xero ItemID.' })
  item(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('navNumber', () => String, { nullable: true }) navNumber: string | null,
    @Arg('xeroId', () => String, { nullable: true }) xeroId: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return findOne(ctx, 'item', 'Item', { id, navNumber, xeroId });
  }

  @FieldResolver(() => ItemInventory, {
    nullable: true,
    description: 'Quantity on hand (NAV Inventory; Xero QuantityOnHand where tracked); null when unknown.',
  })
  inventory(@Root() item: Item & { inventory?: Decimal | null }): ItemInventory | null {
    if (item.inventory == null || !item.inventorySource) return null;
    return { quantityOnHand: item.inventory, source: item.inventorySource };
  }
}
