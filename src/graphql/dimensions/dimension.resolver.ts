import { Authorized, Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { dimensionValueWhere, dimensionWhere, sortFields } from '../../store/filters.js';
import type { GraphQLContext } from '../context.js';
import { DimensionFilter, DimensionValueFilter } from '../shared/filters.input.js';
import { DimensionOrder } from '../shared/order.input.js';
import { ConnectionArgs } from '../shared/paging.input.js';
import { connectionTypes } from '../shared/connection.type.js';
import { Dimension, DimensionValue } from './dimension.type.js';
import { SortDirection } from '../shared/enums.js';
import { entityResolverBase } from '../shared/entity-base.js';
import { findOne, listPage, optionalId } from '../shared/query-helpers.js';

export const DimensionConnection = connectionTypes(Dimension, 'Dimension');
export const DimensionValueConnection = connectionTypes(DimensionValue, 'DimensionValue');
const defaultOrder: DimensionOrder = { field: 'CODE', direction: SortDirection.ASC };

@Resolver(() => Dimension)
export class DimensionResolver extends entityResolverBase(Dimension, 'Dimension', 'dimension') {
  @Authorized('viewer')
  @Query(() => DimensionConnection, { description: 'Dimensions (Xero tracking categories), paged.' })
  dimensions(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => DimensionFilter, { nullable: true }) filter: DimensionFilter | null,
    @Arg('orderBy', () => DimensionOrder, { nullable: true }) orderBy: DimensionOrder | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const where = dimensionWhere(filter ?? {});
    return listPage(ctx, 'dimension', where, sortFields.dimension, orderBy ?? defaultOrder, page, (p) =>
      DimensionConnection.from(p),
    );
  }

  @Authorized('viewer')
  @Query(() => Dimension, {
    nullable: true,
    description: 'One dimension by id, NAV code or Xero TrackingCategoryID.',
  })
  dimension(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('navNumber', () => String, { nullable: true }) navNumber: string | null,
    @Arg('xeroId', () => String, { nullable: true }) xeroId: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return findOne(ctx, 'dimension', 'Dimension', { id, navNumber, xeroId });
  }

  @FieldResolver(() => [DimensionValue])
  values(@Root() dimension: Dimension, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.dimensionValues.load(dimension.id);
  }
}

@Resolver(() => DimensionValue)
export class DimensionValueResolver extends entityResolverBase(
  DimensionValue,
  'DimensionValue',
  'dimensionValue',
) {
  @Authorized('viewer')
  @Query(() => DimensionValueConnection, { description: 'Dimension values (Xero tracking options), paged.' })
  dimensionValues(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => DimensionValueFilter, { nullable: true }) filter: DimensionValueFilter | null,
    @Arg('orderBy', () => DimensionOrder, { nullable: true }) orderBy: DimensionOrder | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const where = dimensionValueWhere({
      ...filter,
      dimensionId: optionalId(filter?.dimensionId, 'Dimension', ['filter', 'dimensionId']),
    });
    return listPage(ctx, 'dimensionValue', where, sortFields.dimension, orderBy ?? defaultOrder, page, (p) =>
      DimensionValueConnection.from(p),
    );
  }

  @Authorized('viewer')
  @Query(() => DimensionValue, {
    nullable: true,
    description: 'One dimension value by id or Xero TrackingOptionID.',
  })
  dimensionValue(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('xeroId', () => String, { nullable: true }) xeroId: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return findOne(ctx, 'dimensionValue', 'DimensionValue', { id, xeroId });
  }

  @FieldResolver(() => Dimension)
  dimension(@Root() value: DimensionValue, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.byId('dimension').load(value.dimensionId);
  }
}
