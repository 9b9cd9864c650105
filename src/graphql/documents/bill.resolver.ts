// Purchase bills: lists, look-ups and nested relations.
import { Authorized, Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { documentWhere, sortFields } from '../../store/filters.js';
import type { GraphQLContext } from '../context.js';
import { BillFilter } from '../shared/filters.input.js';
import { DocumentOrder } from '../shared/order.input.js';
import { ConnectionArgs } from '../shared/paging.input.js';
import { connectionTypes } from '../shared/connection.type.js';
import { BaseCurrencyAmounts, baseCurrencyAmounts } from '../shared/base-currency.type.js';
import { Bill, BillLine } from './document.type.js';
import { Vendor } from '../parties/party.type.js';
import { Payment } from '../payments/payment.type.js';
import { accountsDocumentFilter } from './document-filters.js';
import { entityResolverBase } from '../shared/entity-base.js';
import { defaultDocumentOrder } from './invoice.resolver.js';
import { findOne, listPage, optionalId } from '../shared/query-helpers.js';

export const BillConnection = connectionTypes(Bill, 'Bill');

@Resolver(() => Bill)
export class BillResolver extends entityResolverBase(Bill, 'Bill', 'bill') {
  @Authorized('viewer')
  @Query(() => BillConnection, { description: 'Purchase bills from the mirror, paged.' })
  bills(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => BillFilter, { nullable: true }) filter: BillFilter | null,
    @Arg('orderBy', () => DocumentOrder, { nullable: true }) orderBy: DocumentOrder | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const where = documentWhere(
      {
        ...accountsDocumentFilter(filter),
        partyId: optionalId(filter?.vendorId, 'Vendor', ['filter', 'vendorId']),
      },
      { party: 'vendorId', date: 'issueDate', hasDue: true },
    );
    return listPage(ctx, 'bill', where, sortFields.document, orderBy ?? defaultDocumentOrder, page, (p) =>
      BillConnection.from(p),
    );
  }

  @Authorized('viewer')
  @Query(() => Bill, { nullable: true, description: 'One bill by id, NAV document No. or Xero InvoiceID.' })
  bill(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('navNumber', () => String, { nullable: true }) navNumber: string | null,
    @Arg('xeroId', () => String, { nullable: true }) xeroId: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return findOne(ctx, 'bill', 'Bill', { id, navNumber, xeroId });
  }

  @FieldResolver(() => Vendor)
  vendor(@Root() bill: Bill, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.byId('vendor').load(bill.vendorId);
  }

  @FieldResolver(() => [BillLine])
  lines(@Root() bill: Bill, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.lines('bill').load(bill.id);
  }

  @FieldResolver(() => [Payment], { description: 'Payments made against this bill, oldest first.' })
  payments(@Root() bill: Bill, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.payments('bill').load(bill.id);
  }

  @FieldResolver(() => BaseCurrencyAmounts, { description: 'Totals and amount due in base currency.' })
  baseCurrency(@Root() bill: Bill, @Ctx() ctx: GraphQLContext) {
    return baseCurrencyAmounts(bill, ctx.sync.baseCurrency);
  }
}
