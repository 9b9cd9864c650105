import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ledgerEntryWhere, sortFields } from '../../store/filters.js';
import type { GraphQLContext } from '../context.js';
import { LedgerEntryFilter } from '../shared/filters.input.js';
import { LedgerEntryOrder } from '../shared/order.input.js';
import { ConnectionArgs } from '../shared/paging.input.js';
import { connectionTypes } from '../shared/connection.type.js';
import { SortDirection } from '../shared/enums.js';
import { DimensionTag, LedgerEntry } from './ledger-entry.type.js';
import { entityResolverBase } from '../shared/entity-base.js';
import { checkRange, findOne, listPage } from '../shared/query-helpers.js';

export const LedgerEntryConnection = connectionTypes(LedgerEntry, 'LedgerEntry');
const defaultOrder: LedgerEntryOrder = { field: 'ENTRY_NO', direction: SortDirection.ASC };

@Resolver(() => LedgerEntry)
export class LedgerEntryResolver extends entityResolverBase(LedgerEntry, 'LedgerEntry', 'ledgerEntry') {
  @Query(() => LedgerEntryConnection, { description: 'General ledger entries from the mirror, paged.' })
  ledgerEntries(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => LedgerEntryFilter, { nullable: true }) filter: LedgerEntryFilter | null,
    @Arg('orderBy', () => LedgerEntryOrder, { nullable: true }) orderBy: LedgerEntryOrder | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const f = filter ?? {};
    checkRange(f.postingDateFrom, f.postingDateTo, ['filter', 'postingDateTo']);
    const where = ledgerEntryWhere({
      accountCode: f.accountCode,
      documentNumber: f.documentNumber,
      dateFrom: f.postingDateFrom,
      dateTo: f.postingDateTo,
      modifiedSince: f.modifiedSince,
    });
    return listPage(ctx, 'ledgerEntry', where, sortFields.ledgerEntry, orderBy ?? defaultOrder, page, (p) =>
      LedgerEntryConnection.from(p),
    );
  }

  @Query(() => LedgerEntry, { nullable: true, description: 'One ledger entry by id or NAV entry No.' })
  ledgerEntry(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('navNumber', () => String, { nullable: true }) navNumber: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return findOne(ctx, 'ledgerEntry', 'LedgerEntry', { id, navNumber });
  }

  @FieldResolver(() => [DimensionTag])
  dimensions(@Root() entry: LedgerEntry): DimensionTag[] {
    return Object.entries(entry.dimensions).map(([dimension, value]) => ({ dimension, value }));
  }
}
