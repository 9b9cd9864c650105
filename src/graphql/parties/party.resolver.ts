// Customers and vendors: lists, look-ups, and their documents.
import { Authorized, Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { UserInputError } from '../../domain/errors.js';
import { partyWhere, sortFields } from '../../store/filters.js';
import type { GraphQLContext } from '../context.js';
import { PartyFilter } from '../shared/filters.input.js';
import { PartyOrder } from '../shared/order.input.js';
import { ConnectionArgs } from '../shared/paging.input.js';
import { connectionTypes } from '../shared/connection.type.js';
import { SalesOrder } from '../documents/document.type.js';
import { SortDirection } from '../shared/enums.js';
import { Customer, Vendor } from './party.type.js';
import { entityResolverBase } from '../shared/entity-base.js';
import { checkCurrency, checkRange, findOne, listPage } from '../shared/query-helpers.js';
import { InvoiceConnection } from '../documents/invoice.resolver.js';
import { BillConnection } from '../documents/bill.resolver.js';
import type { PartyDocumentKind } from '../../store/party-documents.js';
import { PartyDocumentFilter } from './party-documents.input.js';

export const CustomerConnection = connectionTypes(Customer, 'Customer');
export const VendorConnection = connectionTypes(Vendor, 'Vendor');

const defaultOrder: PartyOrder = { field: 'NAME', direction: SortDirection.ASC };
const recentDefault = 20;

function whereFrom(filter: PartyFilter | null | undefined): object {
  checkCurrency(filter?.currency, ['filter', 'currency']);
  return partyWhere(filter ?? {});
}

function checkLimit(first: number, max: number): void {
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new UserInputError(`"first" must be between 0 and ${max}.`, ['first']);
  }
}

/** One page of a party's documents, batched with every other party's in the same query. */
function partyDocuments(
  ctx: GraphQLContext,
  kind: PartyDocumentKind,
  partyId: string,
  first: number,
  after: string | null,
  filter: PartyDocumentFilter | null,
) {
  checkLimit(first, ctx.maxPageSize);
  checkRange(filter?.issueDateFrom, filter?.issueDateTo, ['filter', 'issueDateTo']);
  const where = {
    status: filter?.status ?? null,
    issueDateFrom: filter?.issueDateFrom ?? null,
    issueDateTo: filter?.issueDateTo ?? null,
  };
  return ctx.loaders.partyDocuments(kind, where, { first, after }).load(partyId);
}

@Resolver(() => Customer)
export class CustomerResolver extends entityResolverBase(Customer, 'Customer', 'customer') {
  @Authorized('viewer')
  @Query(() => CustomerConnection, { description: 'Customers from the mirror, paged.' })
  customers(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => PartyFilter, { nullable: true }) filter: PartyFilter | null,
    @Arg('orderBy', () => PartyOrder, { nullable: true }) orderBy: PartyOrder | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const where = whereFrom(filter);
    return listPage(ctx, 'customer', where, sortFields.party, orderBy ?? defaultOrder, page, (p) =>
      CustomerConnection.from(p),
    );
  }

  @Authorized('viewer')
  @Query(() => Customer, { nullable: true, description: 'One customer by id, NAV No. or Xero ContactID.' })
  customer(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('navNumber', () => String, { nullable: true }) navNumber: string | null,
    @Arg('xeroId', () => String, { nullable: true }) xeroId: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return findOne(ctx, 'customer', 'Customer', { id, navNumber, xeroId });
  }

  @FieldResolver(() => InvoiceConnection, { description: 'Invoices, newest first (issue date), paged.' })
  async invoices(
    @Root() customer: Customer,
    @Arg('first', () => Int, { defaultValue: recentDefault }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => PartyDocumentFilter, { nullable: true }) filter: PartyDocumentFilter | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return InvoiceConnection.from(await partyDocuments(ctx, 'invoice', customer.id, first, after, filter));
  }

  @FieldResolver(() => [SalesOrder], { description: 'Latest sales orders, newest first.' })
  salesOrders(
    @Root() customer: Customer,
    @Arg('first', () => Int, { defaultValue: recentDefault }) first: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    checkLimit(first, ctx.maxPageSize);
    return ctx.loaders.recentDocuments('salesOrder', first).load(customer.id);
  }
}

@Resolver(() => Vendor)
export class VendorResolver extends entityResolverBase(Vendor, 'Vendor', 'vendor') {
  @Authorized('viewer')
  @Query(() => VendorConnection, { description: 'Vendors from the mirror, paged.' })
  vendors(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => PartyFilter, { nullable: true }) filter: PartyFilter | null,
    @Arg('orderBy', () => PartyOrder, { nullable: true }) orderBy: PartyOrder | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const where = whereFrom(filter);
    return listPage(ctx, 'vendor', where, sortFields.party, orderBy ?? defaultOrder, page, (p) =>
      VendorConnection.from(p),
    );
  }

  @Authorized('viewer')
  @Query(() => Vendor, { nullable: true, description: 'One vendor by id, NAV No. or Xero ContactID.' })
  vendor(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('navNumber', () => String, { nullable: true }) navNumber: string | null,
    @Arg('xeroId', () => String, { nullable: true }) xeroId: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return findOne(ctx, 'vendor', 'Vendor', { id, navNumber, xeroId });
  }

  @FieldResolver(() => BillConnection, { description: 'Bills, newest first (issue date), paged.' })
  async bills(
    @Root() vendor: Vendor,
    @Arg('first', () => Int, { defaultValue: recentDefault }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => PartyDocumentFilter, { nullable: true }) filter: PartyDocumentFilter | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return BillConnection.from(await partyDocuments(ctx, 'bill', vendor.id, first, after, filter));
  }
}
