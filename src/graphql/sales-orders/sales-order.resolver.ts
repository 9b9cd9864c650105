// NAV sales orders: lists, look-ups and nested relations.
import { Authorized, Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { documentWhere, sortFields } from '../../store/filters.js';
import type { GraphQLContext } from '../context.js';
import { SalesOrderFilter } from '../shared/filters.input.js';
import { SalesOrderOrder } from '../shared/order.input.js';
import { ConnectionArgs } from '../shared/paging.input.js';
import { connectionTypes } from '../shared/connection.type.js';
import { Invoice, SalesOrder, SalesOrderLine } from '../documents/document.type.js';
import { SortDirection } from '../shared/enums.js';
import { Customer } from '../parties/party.type.js';
import { entityResolverBase } from '../shared/entity-base.js';
import { checkCurrency, checkRange, findOne, listPage, optionalId } from '../shared/query-helpers.js';

export const SalesOrderConnection = connectionTypes(SalesOrder, 'SalesOrder');
const defaultOrder: SalesOrderOrder = { field: 'DATE', direction: SortDirection.DESC };

@Resolver(() => SalesOrder)
export class SalesOrderResolver extends entityResolverBase(SalesOrder, 'SalesOrder', 'salesOrder') {
  @Authorized('viewer')
  @Query(() => SalesOrderConnection, { description: 'NAV sales orders from the mirror, paged.' })
  salesOrders(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => SalesOrderFilter, { nullable: true }) filter: SalesOrderFilter | null,
    @Arg('orderBy', () => SalesOrderOrder, { nullable: true }) orderBy: SalesOrderOrder | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    checkRange(filter?.orderDateFrom, filter?.orderDateTo, ['filter', 'orderDateTo']);
    checkCurrency(filter?.currency, ['filter', 'currency']);
    const where = documentWhere(
      {
        status: filter?.status,
        number: filter?.number,
        partyId: optionalId(filter?.customerId, 'Customer', ['filter', 'customerId']),
        dateFrom: filter?.orderDateFrom,
        dateTo: filter?.orderDateTo,
        currency: filter?.currency,
        modifiedSince: filter?.modifiedSince,
      },
      { party: 'customerId', date: 'orderDate', hasDue: false },
    );
    return listPage(ctx, 'salesOrder', where, sortFields.salesOrder, orderBy ?? defaultOrder, page, (p) =>
      SalesOrderConnection.from(p),
    );
  }

  @Authorized('viewer')
  @Query(() => SalesOrder, { nullable: true, description: 'One sales order by id or NAV No.' })
  salesOrder(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('navNumber', () => String, { nullable: true }) navNumber: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return findOne(ctx, 'salesOrder', 'SalesOrder', { id, navNumber });
  }

  @FieldResolver(() => Customer)
  customer(@Root() order: SalesOrder, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.byId('customer').load(order.customerId);
  }

  @FieldResolver(() => [SalesOrderLine])
  lines(@Root() order: SalesOrder, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.lines('salesOrder').load(order.id);
  }

  @FieldResolver(() => [Invoice], { description: 'Invoices NAV posted from this order, oldest first.' })
  invoices(@Root() order: SalesOrder, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.orderInvoices().load(order.id);
  }
}
