// Nested fields of document lines: the item and the dimension values (tracking options).
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { BillLine, InvoiceLine, SalesOrderLine } from './document.type.js';
import { DimensionValue } from '../dimensions/dimension.type.js';
import { Item } from '../items/item.type.js';

async function dimensionValuesOf(ctx: GraphQLContext, kind: 'invoice' | 'bill', lineId: string) {
  const ids = await ctx.loaders.lineDimensions(kind).load(lineId);
  const values = await ctx.loaders.byId('dimensionValue').loadMany(ids);
  return values.filter((v): v is NonNullable<typeof v> => v !== null && !(v instanceof Error));
}

function itemOf(ctx: GraphQLContext, line: { itemId: string | null }) {
  return line.itemId ? ctx.loaders.byId('item').load(line.itemId) : null;
}

@Resolver(() => InvoiceLine)
export class InvoiceLineResolver {
  @FieldResolver(() => Item, { nullable: true })
  item(@Root() line: InvoiceLine, @Ctx() ctx: GraphQLContext) {
    return itemOf(ctx, line);
  }

  @FieldResolver(() => [DimensionValue], { description: 'NAV dimension values / Xero tracking options.' })
  dimensions(@Root() line: InvoiceLine, @Ctx() ctx: GraphQLContext) {
    return dimensionValuesOf(ctx, 'invoice', line.id);
  }
}

@Resolver(() => BillLine)
export class BillLineResolver {
  @FieldResolver(() => Item, { nullable: true })
  item(@Root() line: BillLine, @Ctx() ctx: GraphQLContext) {
    return itemOf(ctx, line);
  }

  @FieldResolver(() => [DimensionValue], { description: 'NAV dimension values / Xero tracking options.' })
  dimensions(@Root() line: BillLine, @Ctx() ctx: GraphQLContext) {
    return dimensionValuesOf(ctx, 'bill', line.id);
  }
}

@Resolver(() => SalesOrderLine)
export class SalesOrderLineResolver {
  @FieldResolver(() => Item, { nullable: true })
  item(@Root() line: SalesOrderLine, @Ctx() ctx: GraphQLContext) {
    return itemOf(ctx, line);
  }
}
