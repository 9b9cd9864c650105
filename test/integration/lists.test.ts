// The sync engine's lists and a party's documents are Relay connections like every other list:
// filters, totalCount, keyset pages that walk the whole list once, and customer.invoices batched
// (the same number of SQL statements for 5 customers as for 25).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import { MirrorWriter } from '../../src/store/mirror-writer.js';
import { databaseTargets } from '../support/databases.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { buildMirrorFixture, loadMirrorFixture, type MirrorFixture } from '../support/mirror-fixtures.js';

const targets = await databaseTargets();
const day = (date: unknown) => new Date(date as string | Date).getTime();

interface Conn<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

describe.each(targets)('lists as connections on $name', (target) => {
  let db: Awaited<ReturnType<typeof target.open>>;
  let gateway: TestGateway;
  let fixture: MirrorFixture;
  const data = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const { body } = await gateway.post<T>(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data!;
  };
  /** Every node of a list, page by page, following endCursor. */
  const walk = async <T>(field: string, query: string, variables: Record<string, unknown>) => {
    const seen: T[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Conn<T> = (await data<Record<string, Conn<T>>>(query, { ...variables, after }))[field]!;
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return { seen, totalCount: page.totalCount };
      after = page.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    db = await target.open();
    fixture = buildMirrorFixture({ customers: 25, invoices: 200, paidShare: 0.5 });
    await loadMirrorFixture(new MirrorWriter(db.prisma), fixture);
    gateway = await startTestGateway(db);
    // 7 jobs to XERO (3 of them dead) and 4 to NAV (1 dead); 5 conflicts, 2 resolved.
    const jobs = await db.transaction((tx) =>
      gateway.sync.outbox.enqueue(
        tx,
        Array.from({ length: 11 }, (_, i) => ({
          entityType: i % 2 ? ('INVOICE' as const) : ('CUSTOMER' as const),
          entityId: randomUUID(),
          system: i < 7 ? ('XERO' as const) : ('NAV' as const),
          tenant: 't',
          payload: { n: i },
        })),
      ),
    );
    const dead = [jobs[0]!, jobs[2]!, jobs[5]!, jobs[8]!].map((j) => j.id);
    await db.prisma.syncJob.updateMany({
      where: { id: { in: dead } },
      data: { status: 'DEAD', deadAt: new Date() },
    });
    await db.prisma.syncConflict.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        entityType: i < 3 ? ('CUSTOMER' as const) : ('INVOICE' as const),
        entityId: randomUUID(),
        system: 'XERO' as const,
        tenant: 't',
        fields: ['name'],
        local: { name: 'a' },
        remote: { name: 'b' },
        status: i % 2 ? ('RESOLVED' as const) : ('OPEN' as const),
        createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
      })),
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await db?.dispose();
  });

  it('syncJobs and deadLetters: filters, totalCount, and pages that cover the list once, newest first', async () => {
    const jobsQuery = `query($after: String, $filter: SyncJobFilter) {
      syncJobs(first: 2, after: $after, filter: $filter) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id status system entityType }
      }
    }`;
    const all = await walk<{ id: string }>('syncJobs', jobsQuery, {});
    expect(all.totalCount).toBe(11);
    expect(new Set(all.seen.map((j) => j.id)).size).toBe(11);
    const inQueueOrder = await db.prisma.syncJob.findMany({ orderBy: { seq: 'desc' }, select: { id: true } });
    expect(all.seen.map((j) => fromGlobalId(j.id)?.id)).toEqual(inQueueOrder.map((j) => j.id));

    const xeroInvoices = await walk<{ system: string; entityType: string }>('syncJobs', jobsQuery, {
      filter: { system: ['XERO'], entityType: ['INVOICE'], status: ['PENDING'] },
    });
    expect(xeroInvoices.seen.length).toBe(xeroInvoices.totalCount);
    expect(xeroInvoices.totalCount).toBe(2); // jobs 1 and 3 (5 is dead)

    const deadQuery = `query($after: String, $filter: DeadLetterFilter) {
      deadLetters(first: 1, after: $after, filter: $filter) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id status system }
      }
    }`;
    const dead = await walk<{ status: string; system: string }>('deadLetters', deadQuery, {});
    expect(dead.totalCount).toBe(4);
    expect(dead.seen.map((j) => j.status)).toEqual(['DEAD', 'DEAD', 'DEAD', 'DEAD']);
    const deadNav = await walk<{ system: string }>('deadLetters', deadQuery, { filter: { system: ['NAV'] } });
    expect(deadNav.seen.map((j) => j.system)).toEqual(['NAV']);
  });

  it('conflicts: by status and entity, newest first, paged', async () => {
    const query = `query($after: String, $filter: ConflictFilter) {
      conflicts(first: 2, after: $after, filter: $filter) {
        totalCount pageInfo { hasNextPage endCursor } nodes { status entityType createdAt }
      }
    }`;
    const all = await walk<{ createdAt: string }>('conflicts', query, {});
    expect(all.totalCount).toBe(5);
    expect(all.seen.map((c) => c.createdAt.slice(0, 10))).toEqual([
      '2026-01-05',
      '2026-01-04',
      '2026-01-03',
      '2026-01-02',
      '2026-01-01',
    ]);
    const openCustomers = await walk<{ status: string; entityType: string }>('conflicts', query, {
      filter: { status: ['OPEN'], entityType: ['CUSTOMER'] },
    });
    expect(openCustomers.seen).toEqual([
      expect.objectContaining({ status: 'OPEN', entityType: 'CUSTOMER' }),
      expect.objectContaining({ status: 'OPEN', entityType: 'CUSTOMER' }),
    ]);
    expect(openCustomers.totalCount).toBe(2);
  });

  it('bad list input is a typed error naming the argument', async () => {
    const { body } = await gateway.post('{ deadLetters(after: "nonsense") { totalCount } }');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['after'] });
    const range = await gateway.post(
      '{ customers(first: 1) { nodes { invoices(filter: { issueDateFrom: "2026-02-01", issueDateTo: "2026-01-01" }) { totalCount } } } }',
    );
    expect(range.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['filter', 'issueDateTo'],
    });
  });

  it('customer.invoices: a filtered page per customer in a constant number of statements', async () => {
    const query = `query($first: Int!) {
      customers(first: $first) {
        nodes { id invoices(first: 3, filter: { status: [PAID] }) {
          totalCount pageInfo { hasNextPage } nodes { id status issueDate }
        } }
      }
    }`;
    type Result = {
      customers: {
        nodes: {
          id: string;
          invoices: Conn<{ id: string; status: string; issueDate: string }> & {
            pageInfo: { hasNextPage: boolean };
          };
        }[];
      };
    };
    const statements = async (first: number) => {
      db.queries.reset();
      const result = await data<Result>(query, { first });
      return { count: db.queries.count, result };
    };
    const five = await statements(5);
    const all = await statements(25);
    expect(all.count).toBe(five.count);

    for (const customer of all.result.customers.nodes) {
      const id = fromGlobalId(customer.id)!.id;
      const expected = fixture.invoices
        .filter((i) => i.customerId === id && i.status === 'PAID')
        .sort((a, b) => day(b.issueDate) - day(a.issueDate) || (b.id! < a.id! ? -1 : 1));
      expect(customer.invoices.totalCount).toBe(expected.length);
      expect(customer.invoices.nodes.map((i) => fromGlobalId(i.id)!.id)).toEqual(
        expected.slice(0, 3).map((i) => i.id),
      );
      expect(customer.invoices.pageInfo.hasNextPage).toBe(expected.length > 3);
    }
  });

  it('customer.invoices: pages with after walk every invoice of the customer once', async () => {
    const busiest = fixture.customers
      .map((c) => ({ c, n: fixture.invoices.filter((i) => i.customerId === c.id).length }))
      .sort((a, b) => b.n - a.n)[0]!;
    const query = `query($id: ID!, $after: String) {
      customer(id: $id) { invoices(first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id }
      } }
    }`;
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount: number;
    const globalId = toGlobalId('Customer', busiest.c.id!);
    for (;;) {
      const page: Conn<{ id: string }> = (
        await data<{ customer: { invoices: Conn<{ id: string }> } }>(query, { id: globalId, after })
      ).customer.invoices;
      seen.push(...page.nodes.map((n) => fromGlobalId(n.id)!.id));
      totalCount = page.totalCount;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(totalCount).toBe(busiest.n);
    expect(new Set(seen).size).toBe(busiest.n);
    expect(seen.length).toBe(busiest.n);
  });
});
