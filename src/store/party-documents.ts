// A page of each party's invoices or bills, for many parties in one statement: the nested
// `customer.invoices` / `vendor.bills` connections, batched by DataLoader (never one query per
// party). Newest first (issue date, then id), with the same keyset cursors as every other list.
import { UserInputError } from '../domain/errors.js';
import type { PrismaClient } from './generated/client.js';
import { decodeCursor, encodeCursor, pageWindow } from './pagination.js';

export type PartyDocumentKind = 'invoice' | 'bill';

export interface PartyDocumentFilter {
  status?: readonly string[] | null | undefined;
  /** Inclusive, YYYY-MM-DD. */
  issueDateFrom?: string | null | undefined;
  issueDateTo?: string | null | undefined;
}

export interface PartyDocumentIds {
  ids: string[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

const tables = {
  invoice: { table: 'invoice', party: 'customer_id' },
  bill: { table: 'bill', party: 'vendor_id' },
} as const;
const ordering = 'issueDate:DESC';

/** The filter as SQL over $1 (party ids) .. $4, with its parameters. */
function conditions(kind: PartyDocumentKind, partyIds: readonly string[], filter: PartyDocumentFilter) {
  const { party } = tables[kind];
  return {
    sql: `${party} = ANY($1::uuid[])
      AND ($2::text[] IS NULL OR status::text = ANY($2::text[]))
      AND ($3::date IS NULL OR issue_date >= $3::date)
      AND ($4::date IS NULL OR issue_date <= $4::date)`,
    params: [
      [...partyIds],
      filter.status?.length ? [...filter.status] : null,
      filter.issueDateFrom ?? null,
      filter.issueDateTo ?? null,
    ],
  };
}

export async function pagePartyDocuments(
  prisma: PrismaClient,
  kind: PartyDocumentKind,
  partyIds: readonly string[],
  filter: PartyDocumentFilter,
  page: { first?: number | null | undefined; after?: string | null | undefined },
  maxPageSize: number,
): Promise<Map<string, PartyDocumentIds>> {
  const { take } = pageWindow({ first: page.first }, maxPageSize);
  const after = page.after != null ? decodeCursor(page.after, ordering, 'after') : null;
  if (after && (typeof after.v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(after.v)))
    throw new UserInputError('"after" is not a cursor of this list.', ['after']);
  const { table, party } = tables[kind];
  const where = conditions(kind, partyIds, filter);
  const rows =
    take === 0
      ? []
      : await prisma.$queryRawUnsafe<{ id: string; party: string; issued: string }[]>(
          `SELECT id, party, issued FROM (
             SELECT id::text AS id, ${party}::text AS party, issue_date::text AS issued,
                    row_number() OVER (PARTITION BY ${party} ORDER BY issue_date DESC, id DESC) AS rank
             FROM ${table}
             WHERE ${where.sql}
               AND ($5::date IS NULL OR (issue_date, id) < ($5::date, $6::uuid))
           ) ranked WHERE rank <= $7 ORDER BY party, rank`,
          ...where.params,
          after?.v ?? null,
          after?.id ?? null,
          take + 1,
        );
  const pages = new Map<string, PartyDocumentIds>();
  for (const id of partyIds)
    pages.set(id, { ids: [], cursors: [], hasNextPage: false, hasPreviousPage: after !== null });
  for (const row of rows) {
    const found = pages.get(row.party)!;
    if (found.ids.length === take) {
      found.hasNextPage = true;
      continue;
    }
    found.ids.push(row.id);
    found.cursors.push(encodeCursor({ o: ordering, v: row.issued, id: row.id }));
  }
  return pages;
}

/** How many documents of each party match the filter (one GROUP BY for all of them). */
export async function countPartyDocuments(
  prisma: PrismaClient,
  kind: PartyDocumentKind,
  partyIds: readonly string[],
  filter: PartyDocumentFilter,
): Promise<Map<string, number>> {
  const { table, party } = tables[kind];
  const where = conditions(kind, partyIds, filter);
  const rows = await prisma.$queryRawUnsafe<{ party: string; n: number }[]>(
    `SELECT ${party}::text AS party, count(*)::int AS n FROM ${table} WHERE ${where.sql} GROUP BY ${party}`,
    ...where.params,
  );
  return new Map(rows.map((r) => [r.party, Number(r.n)]));
}
