import { Authorized, Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ledgerEntryWhere, sortFields } from '../../store/filters.js';
import type { GraphQLContext } from '../context.js';
import { UserInputError } from '../../domain/errors.js';
import { fromGlobalId, toGlobalId } from '../global-id.js';
import { LedgerEntryFilter } from '../shared/filters.input.js';
import { LedgerEntryOrder } from '../shared/order.input.js';
import { ConnectionArgs } from '../shared/paging.input.js';
import { connectionTypes } from '../shared/connection.type.js';
import { SortDirection } from '../shared/enums.js';
import { DimensionTag, LedgerEntry } from './ledger-entry.type.js';
import { entityResolverBase } from '../shared/entity-base.js';
import { checkRange, findOne, listPage } from '../shared/query-helpers.js';

const documentTypes = { INVOICE: 'Invoice', BILL: 'Bill', PAYMENT: 'Payment' } as const;

/** The uuid behind an invoice's, bill's or payment's global id. */
function documentIdOf(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  const parsed = fromGlobalId(value);
  if (!parsed || !(Object.values(documentTypes) as string[]).includes(parsed.typeName))
    throw new UserInputError(`"${value}" is not the id of an invoice, bill or payment.`, [
      'filter',
      'documentId',
    ]);
  return parsed.id;
}

export const LedgerEntryConnection = connectionTypes(LedgerEntry, 'LedgerEntry');
const defaultOrder: LedgerEntryOrder = { field: 'ENTRY_NO', direction: SortDirection.ASC };

@Resolver(() => LedgerEntry)
export class LedgerEntryResolver extends entityResolverBase(LedgerEntry, 'LedgerEntry', 'ledgerEntry') {
  @Authorized('viewer')
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
      system: f.system,
      accountCode: f.accountCode,
      documentNumber: f.documentNumber,
      documentId: documentIdOf(f.documentId),
      dimension: f.dimension,
      dateFrom: f.postingDateFrom,
      dateTo: f.postingDateTo,
      modifiedSince: f.modifiedSince,
    });
    return listPage(ctx, 'ledgerEntry', where, sortFields.ledgerEntry, orderBy ?? defaultOrder, page, (p) =>
      LedgerEntryConnection.from(p),
    );
  }

  @Authorized('viewer')
  @Query(() => LedgerEntry, { nullable: true, description: 'One ledger entry by id or NAV entry No.' })
  async ledgerEntry(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('navNumber', () => String, { nullable: true }) navNumber: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (id != null || navNumber == null) return findOne(ctx, 'ledgerEntry', 'LedgerEntry', { id, navNumber });
    // Ledger entries have no sync links (nothing is pushed): the NAV entry No. is their key.
    if (!/^\d{1,9}$/.test(navNumber))
      throw new UserInputError('A NAV entry No. is a whole number.', ['navNumber']);
    const where = ledgerEntryWhere({ system: 'NAV' });
    const page = await ctx.reader.list(
      'ledgerEntry',
      { ...where, entryNo: Number(navNumber) },
      sortFields.ledgerEntry.ENTRY_NO,
      SortDirection.ASC,
      { first: 2 },
    );
    if (page.rows.length > 1)
      throw new UserInputError(`Entry ${navNumber} is in more than one NAV company; look it up by id.`, [
        'navNumber',
      ]);
    return page.rows[0] ?? null;
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: 'The global id of the invoice, bill or payment the entry posted.',
  })
  documentId(@Root() entry: LedgerEntry): string | null {
    return entry.documentId && entry.documentKind
      ? toGlobalId(documentTypes[entry.documentKind], entry.documentId)
      : null;
  }

  @FieldResolver(() => [DimensionTag])
  dimensions(@Root() entry: LedgerEntry): DimensionTag[] {
    return Object.entries(entry.dimensions).map(([dimension, value]) => ({ dimension, value }));
  }
}
