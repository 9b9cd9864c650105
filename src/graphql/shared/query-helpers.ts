// Shared steps of the list and single-record queries: argument checks, look-ups, connections.
import { UserInputError } from '../../domain/errors.js';
import { Decimal } from '../../domain/money.js';
import type { EntityKey, EntityRecords } from '../../store/entities.js';
import type { Page, PageArgs, SortField } from '../../store/pagination.js';
import type { GraphQLContext } from '../context.js';
import { expectGlobalId } from '../global-id.js';
import type { OrderInput } from './order.input.js';
import { SourceSystem } from './enums.js';

export interface LookupArgs {
  id?: string | null | undefined;
  navNumber?: string | null | undefined;
  xeroId?: string | null | undefined;
}

/** One record by exactly one of: global id, NAV number/key, Xero id. */
export async function findOne<K extends EntityKey>(
  ctx: GraphQLContext,
  key: K,
  typeName: string,
  args: LookupArgs,
): Promise<EntityRecords[K] | null> {
  const given = (['id', 'navNumber', 'xeroId'] as const).filter((k) => args[k] != null);
  if (given.length !== 1) {
    throw new UserInputError(`Pass exactly one of id, navNumber or xeroId to look up a ${typeName}.`, [
      given[1] ?? 'id',
    ]);
  }
  if (args.id != null) return ctx.loaders.byId(key).load(expectGlobalId(args.id, typeName, ['id']));
  const system = args.navNumber != null ? SourceSystem.NAV : SourceSystem.XERO;
  const externalKey = (args.navNumber ?? args.xeroId) as string;
  const ids = await ctx.reader.idsByExternalKey(key, system, externalKey);
  if (ids.length > 1) {
    throw new UserInputError(
      `${externalKey} matches ${ids.length} ${typeName} records in different ${system} companies; look it up by id.`,
      [given[0] ?? 'id'],
    );
  }
  return ids[0] ? ctx.loaders.byId(key).load(ids[0]) : null;
}

/** Decodes an optional global id filter argument. */
export function optionalId(
  value: string | null | undefined,
  typeName: string,
  path: string[],
): string | undefined {
  return value == null ? undefined : expectGlobalId(value, typeName, path);
}

type Bound = string | Decimal | Date | null | undefined;

function isAfter(from: NonNullable<Bound>, to: NonNullable<Bound>): boolean {
  if (typeof from === 'string' && typeof to === 'string') return from > to;
  if (from instanceof Date && to instanceof Date) return from.getTime() > to.getTime();
  if (from instanceof Decimal && to instanceof Decimal) return from.greaterThan(to);
  return false;
}

/** An inclusive range whose end is before its start can match nothing: say so instead. */
export function checkRange(from: Bound, to: Bound, path: string[]): void {
  if (from == null || to == null) return;
  if (isAfter(from, to)) {
    throw new UserInputError(`The range is empty: "${path.at(-1)}" is before its start.`, path);
  }
}

export function checkCurrency(value: string | null | undefined, path: string[]): void {
  if (value != null && !/^[A-Z]{3}$/.test(value)) {
    throw new UserInputError(`"${value}" is not a three-letter ISO 4217 currency code such as GBP.`, path);
  }
}

/** Runs a paged list query and wraps it as a connection. */
export async function listPage<K extends EntityKey, F extends string, C>(
  ctx: GraphQLContext,
  key: K,
  where: object,
  sortFields: Record<F, SortField>,
  order: OrderInput<F>,
  page: PageArgs,
  toConnection: (page: Page<EntityRecords[K]>) => C,
): Promise<C> {
  const result = await ctx.reader.list(key, where, sortFields[order.field], order.direction, page);
  return toConnection(result);
}
