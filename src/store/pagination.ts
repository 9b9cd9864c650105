// Keyset (cursor) pagination for Relay connections: stable under inserts, O(page) at any depth.
// A cursor carries the ordering it was made for, the sort value and the id (the tie-breaker).
import { UserInputError } from '../domain/errors.js';

export type SortKind = 'string' | 'date' | 'datetime' | 'decimal' | 'int';

export interface SortField {
  /** Prisma field name (non-nullable, so keyset comparisons are total). */
  field: string;
  kind: SortKind;
}

export type SortDirection = 'ASC' | 'DESC';

export interface PageArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

export interface Page<Row> {
  rows: Row[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Counted only when the client asks for totalCount. */
  totalCount: () => Promise<number>;
}

export interface Delegate<Row> {
  findMany(args: object): Promise<Row[]>;
  count(args: object): Promise<number>;
}

export interface CursorPayload {
  o: string; // ordering key, e.g. "issueDate:DESC"
  v: string | number;
  id: string;
}

export const defaultPageSize = 50;

export function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeCursor(cursor: string, ordering: string, argName: string): CursorPayload {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    payload = null;
  }
  const p = payload as Partial<CursorPayload> | null;
  if (
    !p ||
    typeof p !== 'object' ||
    typeof p.o !== 'string' ||
    typeof p.id !== 'string' ||
    (typeof p.v !== 'string' && typeof p.v !== 'number')
  ) {
    throw new UserInputError(
      `"${argName}" is not a cursor this API issued; use the cursor of an edge or pageInfo.`,
      [argName],
    );
  }
  if (p.o !== ordering) {
    throw new UserInputError(
      `"${argName}" was issued for ordering ${p.o}, but this query orders by ${ordering}; ` +
        'start again without a cursor when you change the ordering.',
      [argName],
    );
  }
  return p as CursorPayload;
}

function sortValueOf(row: Record<string, unknown>, sort: SortField): string | number {
  const value = row[sort.field];
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return value;
  return String(value);
}

function toQueryValue(value: string | number, sort: SortField): unknown {
  if (sort.kind === 'date' || sort.kind === 'datetime') {
    const d = new Date(String(value));
    if (Number.isNaN(d.getTime())) throw new UserInputError('The cursor holds an invalid date.', ['after']);
    return d;
  }
  if (sort.kind === 'int') return Number(value);
  return String(value);
}

/** Rows strictly after (in `dir` order) the cursor position. */
function afterPosition(cursor: CursorPayload, sort: SortField, dir: 'asc' | 'desc'): object {
  const op = dir === 'asc' ? 'gt' : 'lt';
  const value = toQueryValue(cursor.v, sort);
  return {
    OR: [{ [sort.field]: { [op]: value } }, { [sort.field]: value, id: { [op]: cursor.id } }],
  };
}

/** Validates first/last against the maximum page size; returns how many rows and which way. */
export function pageWindow(args: PageArgs, maxPageSize: number): { take: number; backward: boolean } {
  if (args.first != null && args.last != null) {
    throw new UserInputError('Pass either "first" or "last", not both.', ['first']);
  }
  const backward = args.last != null || (args.before != null && args.first == null);
  const argName = backward ? 'last' : 'first';
  const take = (backward ? args.last : args.first) ?? defaultPageSize;
  if (!Number.isInteger(take) || take < 0 || take > maxPageSize) {
    throw new UserInputError(`"${argName}" must be between 0 and ${maxPageSize}.`, [argName]);
  }
  return { take, backward };
}

export async function paginate<Row extends { id: string }>(options: {
  delegate: Delegate<Row>;
  where: object;
  sort: SortField;
  direction: SortDirection;
  page: PageArgs;
  maxPageSize: number;
  include?: object;
}): Promise<Page<Row>> {
  const { delegate, where, sort, direction, page } = options;
  const ordering = `${sort.field}:${direction}`;
  const { take, backward } = pageWindow(page, options.maxPageSize);
  const after = page.after != null ? decodeCursor(page.after, ordering, 'after') : null;
  const before = page.before != null ? decodeCursor(page.before, ordering, 'before') : null;
  const forwardDir = direction === 'ASC' ? 'asc' : 'desc';
  const reverseDir = forwardDir === 'asc' ? 'desc' : 'asc';
  const queryDir = backward ? reverseDir : forwardDir;

  const conditions: object[] = [where];
  if (after) conditions.push(afterPosition(after, sort, forwardDir));
  if (before) conditions.push(afterPosition(before, sort, reverseDir));

  const fetched =
    take === 0
      ? []
      : await delegate.findMany({
          where: { AND: conditions },
          orderBy: [{ [sort.field]: queryDir }, { id: queryDir }],
          take: take + 1,
          ...(options.include ? { include: options.include } : {}),
        });
  const hasMore = fetched.length > take;
  const rows = fetched.slice(0, take);
  if (backward) rows.reverse();

  return {
    rows,
    cursors: rows.map((row) =>
      encodeCursor({ o: ordering, v: sortValueOf(row as Record<string, unknown>, sort), id: row.id }),
    ),
    // Relay: with `after` we know a previous page exists; with `before`, a next one.
    hasNextPage: backward ? before !== null : hasMore,
    hasPreviousPage: backward ? hasMore : after !== null,
    totalCount: () => delegate.count({ where }),
  };
}
