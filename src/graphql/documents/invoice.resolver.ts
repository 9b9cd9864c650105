// Sales invoices: lists with the filters finance users need, look-ups, and nested relations.
import { Authorized, Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { documentWhere, sortFields } from '../../store/filters.js';
import type { GraphQLContext } from '../context.js';
import { InvoiceFilter } from '../shared/filters.input.js';
import { DocumentOrder } from '../shared/order.input.js';
import { ConnectionArgs } from '../shared/paging.input.js';
import { connectionTypes } from '../shared/connection.type.js';
import { BaseCurrencyAmounts, baseCurrencyAmounts } from '../shared/base-currency.type.js';
import { Invoice, InvoiceLine, SalesOrder } from './document.type.js';
import { SortDirection } from '../shared/enums.js';
import { Customer } from '../parties/party.type.js';
import { Payment } from '../payments/payment.type.js';
import { accountsDocumentFilter } from './document-filters.js';
import { entityResolverBase } from '../shared/entity-base.js';
import { findOne, listPage, optionalId } from '../shared/query-helpers.js';

export const InvoiceConnection = connectionTypes(Invoice, 'Invoice');
export const defaultDocumentOrder: DocumentOrder = { field: 'DATE', direction: SortDirection.DESC };

@Resolver(() => Invoice)
export class InvoiceResolver extends entityResolverBase(Invoice, 'Invoice', 'invoice') {
  @Authorized('viewer')
  @Query(() => InvoiceConnection, { description: 'Sales invoices from the mirror, paged.' })
  invoices(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => InvoiceFilter, { nullable: true }) filter: InvoiceFilter | null,
    @Arg('orderBy', () => DocumentOrder, { nullable: true }) orderBy: DocumentOrder | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const where = documentWhere(
      {
        ...accountsDocumentFilter(filter),
        partyId: optionalId(filter?.customerId, 'Customer', ['filter', 'customerId']),
      },
      { party: 'customerId', date: 'issueDate', hasDue: true },
    );
    return listPage(ctx, 'invoice', where, sortFields.document, orderBy ?? defaultDocumentOrder, page, (p) =>
      InvoiceConnection.from(p),
    );
  }

  @Authorized('viewer')
  @Query(() => Invoice, {
    nullable: true,
    description: 'One invoice by id, NAV document No. or Xero InvoiceID.',
  })
  invoice(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('navNumber', () => String, { nullable: true }) navNumber: string | null,
    @Arg('xeroId', () => String, { nullable: true }) xeroId: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return findOne(ctx, 'invoice', 'Invoice', { id, navNumber, xeroId });
  }

  @FieldResolver(() => Customer)
  customer(@Root() invoice: Invoice, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.byId('customer').load(invoice.customerId);
  }

  @FieldResolver(() => [InvoiceLine])
  lines(@Root() invoice: Invoice, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.lines('invoice').load(invoice.id);
  }

  @FieldResolver(() => SalesOrder, {
    nullable: true,
    description: 'The sales order it was posted from, when the mirror holds it.',
  })
  salesOrder(@Root() invoice: Invoice, @Ctx() ctx: GraphQLContext) {
    return invoice.salesOrderId ? ctx.loaders.byId('salesOrder').load(invoice.salesOrderId) : null;
  }

  @FieldResolver(() => [Payment], { description: 'Payments applied to this invoice, oldest first.' })
  payments(@Root() invoice: Invoice, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.payments('invoice').load(invoice.id);
  }

  @FieldResolver(() => BaseCurrencyAmounts, { description: 'Totals and amount due in base currency.' })
  baseCurrency(@Root() invoice: Invoice, @Ctx() ctx: GraphQLContext) {
    return baseCurrencyAmounts(invoice, ctx.sync.baseCurrency);
  }
}
