// The read API over real HTTP against a real database (PGlite, and PostgreSQL when available).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustomerLookupDocument,
  CustomersDocument,
  DimensionValuesDocument,
  InvoiceLookupDocument,
  InvoiceNumbersDocument,
  InvoicesWithDetailsDocument,
  NodeByIdDocument,
} from '../generated/graphql.js';
import { MirrorWriter } from '../../src/store/mirror-writer.js';
import { databaseTargets } from '../support/databases.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { buildMirrorFixture, loadMirrorFixture, type MirrorFixture } from '../support/mirror-fixtures.js';
import { Decimal } from '../../src/domain/money.js';

const targets = await databaseTargets();

/** Only for its type: the response shape of InvoiceNumbers. */
declare function _numbers(): Promise<
  import('../support/gateway.js').GraphQLResponse<import('../generated/graphql.js').InvoiceNumbersQuery>
>;

describe.each(targets)('read API on $name', (target) => {
  let db: Awaited<ReturnType<typeof target.open>>;
  let gateway: TestGateway;
  let fixture: MirrorFixture;

  beforeAll(async () => {
    db = await target.open();
    fixture = buildMirrorFixture({ customers: 30, invoices: 240, paidShare: 0.5 });
    await loadMirrorFixture(new MirrorWriter(db.prisma), fixture);
    gateway = await startTestGateway(db);
  });

  afterAll(async () => {
    await gateway?.close();
    await db?.dispose();
  });

  it('lists invoices with nested customer, lines, items, dimensions, payments and sync sources', async () => {
    const result = await gateway.request(InvoicesWithDetailsDocument, { first: 10 });
    expect(result.errors).toBeUndefined();
    const connection = result.data!.invoices;
    expect(connection.totalCount).toBe(240);
    expect(connection.edges).toHaveLength(10);
    for (const { node } of connection.edges) {
      const source = fixture.invoices.find((i) => i.number === node.number)!;
      expect(node.total).toBe(new Decimal(source.total as string).toFixed());
      expect(node.customer.id).toBeTruthy();
      expect(node.lines.length).toBeGreaterThan(0);
      const lineSum = node.lines.reduce((s, l) => s.plus(l.lineAmount), new Decimal(0));
      expect(lineSum.toFixed(2)).toBe(new Decimal(node.subTotal).toFixed(2));
      expect(node.lines.every((l) => l.item !== null && l.dimensions.length === 1)).toBe(true);
      expect(node.sync.status).toBe('SYNCED');
      expect(node.sync.sources.map((s) => s.system).sort()).toEqual(['NAV', 'XERO']);
      if (node.status === 'PAID') expect(node.payments[0]?.amount).toBe(node.total);
      else expect(node.payments).toEqual([]);
    }
    // Default order: newest issue date first.
    const dates = connection.edges.map((e) => e.node.issueDate);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('resolves 100 invoices with customer, lines, items and payments in a constant number of SQL statements', async () => {
    const count = async (first: number) => {
      db.queries.reset();
      const result = await gateway.request(InvoicesWithDetailsDocument, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.invoices.edges).toHaveLength(first);
      return db.queries.count;
    };
    const forTen = await count(10);
    const forHundred = await count(100);
    // invoices, count, customers, lines, items, line dimensions, dimension values, payments, links
    expect(forHundred).toBe(forTen);
    expect(forHundred).toBeLessThanOrEqual(10);
  });

  it('pages forward and backward with stable cursors', async () => {
    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof _numbers>> = await gateway.request(InvoiceNumbersDocument, {
        first: 50,
        after,
        orderBy: { field: 'NUMBER', direction: 'ASC' },
      });
      const inv = page.data!.invoices;
      seen.push(...inv.nodes.map((n) => n.number));
      expect(inv.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!inv.pageInfo.hasNextPage) break;
      after = inv.pageInfo.endCursor;
    }
    expect(seen).toEqual(fixture.invoices.map((i) => i.number).sort());

    const last = await gateway.request(InvoiceNumbersDocument, {
      last: 5,
      orderBy: { field: 'NUMBER', direction: 'ASC' },
    });
    expect(last.data!.invoices.nodes.map((n) => n.number)).toEqual(seen.slice(-5));
    expect(last.data!.invoices.pageInfo.hasPreviousPage).toBe(true);
    const before = await gateway.request(InvoiceNumbersDocument, {
      last: 5,
      before: last.data!.invoices.pageInfo.startCursor,
      orderBy: { field: 'NUMBER', direction: 'ASC' },
    });
    expect(before.data!.invoices.nodes.map((n) => n.number)).toEqual(seen.slice(-10, -5));
    expect(before.data!.invoices.pageInfo.hasNextPage).toBe(true);
  });

  it('pages by total with ties broken by id, never repeating or skipping a row', async () => {
    const seen: string[] = [];
    let after: string | null | undefined = null;
    do {
      const page: Awaited<ReturnType<typeof _numbers>> = await gateway.request(InvoiceNumbersDocument, {
        first: 37,
        after,
        orderBy: { field: 'TOTAL', direction: 'DESC' },
      });
      const inv = page.data!.invoices;
      seen.push(...inv.nodes.map((n) => n.id));
      after = inv.pageInfo.hasNextPage ? inv.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(240);
  });

  it('filters invoices by status, customer, date range, amount range, currency and modifiedSince', async () => {
    const customer = fixture.customers[3]!;
    const customers = await gateway.request(CustomerLookupDocument, { navNumber: customer.number });
    const customerId = customers.data!.customer!.id;
    const expected = fixture.invoices.filter(
      (i) =>
        i.customerId === customer.id &&
        i.status === 'PAID' &&
        new Decimal(i.total as string).greaterThanOrEqualTo(100) &&
        (i.issueDate as Date).toISOString().slice(0, 10) >= '2026-02-01',
    );
    const result = await gateway.request(InvoiceNumbersDocument, {
      first: 500,
      filter: {
        customerId,
        status: ['PAID'],
        totalMin: '100',
        issueDateFrom: '2026-02-01',
        issueDateTo: '2026-12-31',
        currency: customer.currency,
        modifiedSince: '2000-01-01T00:00:00Z',
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.invoices.nodes.map((n) => n.number).sort()).toEqual(
      expected.map((i) => i.number).sort(),
    );
    expect(result.data!.invoices.totalCount).toBe(expected.length);

    const future = await gateway.request(InvoiceNumbersDocument, {
      filter: { modifiedSince: '2999-01-01T00:00:00+02:00' },
    });
    expect(future.data!.invoices.totalCount).toBe(0);
  });

  it('filters customers by name, email, number and status, ordered by name', async () => {
    const blocked = fixture.customers.filter((c) => c.status === 'BLOCKED');
    const result = await gateway.request(CustomersDocument, { first: 100, filter: { status: ['BLOCKED'] } });
    expect(result.data!.customers.nodes.map((c) => c.number).sort()).toEqual(
      blocked.map((c) => c.number).sort(),
    );

    const byEmail = await gateway.request(CustomersDocument, { filter: { email: 'ACCOUNTS7@example.com' } });
    expect(byEmail.data!.customers.nodes.map((c) => c.number)).toEqual(['C00070']);

    const search = await gateway.request(CustomersDocument, { first: 100, filter: { search: 'c001' } });
    expect(search.data!.customers.nodes.map((c) => c.number).sort()).toEqual([
      'C00100',
      'C00110',
      'C00120',
      'C00130',
      'C00140',
      'C00150',
      'C00160',
      'C00170',
      'C00180',
      'C00190',
    ]);

    const all = await gateway.request(CustomersDocument, { first: 100 });
    const namesInOrder = all.data!.customers.nodes.map((c) => c.name);
    expect(namesInOrder).toEqual([...namesInOrder].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(all.data!.customers.nodes[0]!.invoices.nodes.length).toBeLessThanOrEqual(3);
  });

  it('finds one record by id, NAV number and Xero id, and through node(id)', async () => {
    const invoice = fixture.invoices[5]!;
    const xeroLink = fixture.externalLinks.find((l) => l.entityId === invoice.id && l.system === 'XERO')!;
    const byNav = await gateway.request(InvoiceLookupDocument, { navNumber: invoice.number });
    const byXero = await gateway.request(InvoiceLookupDocument, { xeroId: xeroLink.externalId });
    expect(byNav.data!.invoice!.number).toBe(invoice.number);
    expect(byXero.data!.invoice!.id).toBe(byNav.data!.invoice!.id);
    const byId = await gateway.request(InvoiceLookupDocument, { id: byNav.data!.invoice!.id });
    expect(byId.data!.invoice!.total).toBe(new Decimal(invoice.total as string).toFixed());

    const node = await gateway.request(NodeByIdDocument, { id: byNav.data!.invoice!.id });
    expect(node.data!.node).toMatchObject({ __typename: 'Invoice', number: invoice.number });

    const customer = await gateway.request(CustomerLookupDocument, { navNumber: 'C00010' });
    expect(customer.data!.customer!.sync.sources.find((s) => s.system === 'XERO')).toMatchObject({
      externalNumber: 'C00010',
    });

    const missing = await gateway.request(InvoiceLookupDocument, { navNumber: 'NOPE' });
    expect(missing.errors).toBeUndefined();
    expect(missing.data!.invoice).toBeNull();
  });

  it('lists dimension values, filtered by dimension', async () => {
    const all = await gateway.request(DimensionValuesDocument, {});
    expect(all.data!.dimensionValues.nodes.map((v) => v.code)).toEqual(['ADM', 'PROD', 'SALES']);
    expect(all.data!.dimensionValues.nodes.every((v) => v.dimension.code === 'DEPARTMENT')).toBe(true);
    const one = await gateway.request(DimensionValuesDocument, { filter: { code: 'PROD' } });
    expect(one.data!.dimensionValues.totalCount).toBe(1);
  });

  describe('bad input gets a typed error and changes nothing', () => {
    const expectError = async (
      query: string,
      code: string,
      match: RegExp,
      variables?: Record<string, unknown>,
    ) => {
      const before = db.queries.count;
      const { status, body } = await gateway.post(query, variables);
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(body)).toBe(code);
      expect(body.errors?.[0]?.message).toMatch(match);
      expect(status).toBeLessThan(500);
      return { body, statements: db.queries.count - before };
    };

    it('malformed GraphQL', async () => {
      const { statements } = await expectError(
        '{ invoices(first: 5 { totalCount }',
        'GRAPHQL_PARSE_FAILED',
        /Syntax Error/,
      );
      expect(statements).toBe(0);
    });

    it('unknown fields', async () => {
      await expectError(
        '{ invoices { edges { node { colour } } } }',
        'GRAPHQL_VALIDATION_FAILED',
        /Cannot query field "colour"/,
      );
    });

    it('bad cursors', async () => {
      await expectError(
        '{ invoices(after: "not-a-cursor") { totalCount } }',
        'BAD_USER_INPUT',
        /not a cursor this API issued/,
      );
      const page = await gateway.request(InvoiceNumbersDocument, {
        first: 1,
        orderBy: { field: 'NUMBER', direction: 'ASC' },
      });
      await expectError(
        'query($after: String) { invoices(after: $after, orderBy: { field: TOTAL }) { totalCount } }',
        'BAD_USER_INPUT',
        /issued for ordering number:ASC/,
        { after: page.data!.invoices.pageInfo.endCursor },
      );
    });

    it('first over the maximum, negative, or with last', async () => {
      const { body } = await expectError(
        '{ invoices(first: 501) { totalCount } }',
        'BAD_USER_INPUT',
        /between 0 and 500/,
      );
      expect(body.errors?.[0]?.extensions?.field).toEqual(['first']);
      await expectError('{ invoices(last: -1) { totalCount } }', 'BAD_USER_INPUT', /"last" must be between/);
      await expectError(
        '{ invoices(first: 1, last: 1) { totalCount } }',
        'BAD_USER_INPUT',
        /either "first" or "last"/,
      );
      await expectError(
        '{ customers(first: 1) { nodes { invoices(first: 9999) { totalCount } } } }',
        'BAD_USER_INPUT',
        /between 0 and 500/,
      );
    });

    it('invalid dates, instants, decimals and currencies in filters', async () => {
      await expectError(
        '{ invoices(filter: { issueDateFrom: "2026-02-30" }) { totalCount } }',
        'BAD_USER_INPUT',
        /calendar date/,
      );
      await expectError(
        'query($f: InvoiceFilter) { invoices(filter: $f) { totalCount } }',
        'BAD_USER_INPUT',
        /calendar date/,
        { f: { issueDateFrom: '31/12/2026' } },
      );
      await expectError(
        '{ invoices(filter: { modifiedSince: "2026-01-01T10:00:00" }) { totalCount } }',
        'BAD_USER_INPUT',
        /with an offset/,
      );
      await expectError(
        '{ invoices(filter: { totalMin: "12,50" }) { totalCount } }',
        'BAD_USER_INPUT',
        /not a decimal/,
      );
      await expectError(
        'query($f: InvoiceFilter) { invoices(filter: $f) { totalCount } }',
        'BAD_USER_INPUT',
        /not a decimal/,
        { f: { totalMax: '1e9' } },
      );
      await expectError(
        '{ invoices(filter: { currency: "pounds" }) { totalCount } }',
        'BAD_USER_INPUT',
        /ISO 4217/,
      );
      const { body } = await expectError(
        '{ invoices(filter: { issueDateFrom: "2026-05-01", issueDateTo: "2026-04-01" }) { totalCount } }',
        'BAD_USER_INPUT',
        /range is empty/,
      );
      expect(body.errors?.[0]?.extensions?.field).toEqual(['filter', 'issueDateTo']);
    });

    it('ids of the wrong type and ambiguous look-ups', async () => {
      const customer = await gateway.request(CustomerLookupDocument, { navNumber: 'C00010' });
      await expectError(
        'query($id: ID) { invoice(id: $id) { number } }',
        'BAD_USER_INPUT',
        /not the id of a Invoice/,
        { id: customer.data!.customer!.id },
      );
      await expectError(
        '{ invoice(navNumber: "1", xeroId: "2") { number } }',
        'BAD_USER_INPUT',
        /exactly one of/,
      );
      await expectError('{ node(id: "garbage") { id } }', 'BAD_USER_INPUT', /not a global id/);
    });

    it('queries that fan out too far', async () => {
      await expectError(
        '{ customers(first: 500) { nodes { invoices(first: 500) { nodes { customer { name } } } } } }',
        'QUERY_TOO_COMPLEX',
        /limit is 50000/,
      );
      const fine = await gateway.post(
        '{ invoices(first: 500) { nodes { customer { name } lines { item { name } } } } }',
      );
      expect(fine.body.errors).toBeUndefined();
    });

    it('queries nested too deep', async () => {
      const deep =
        '{ customers(first: 1) { nodes { invoices(first: 1) { nodes { customer { invoices(first: 1) { nodes { customer { invoices(first: 1) { nodes { customer { invoices(first: 1) { nodes { customer { invoices(first: 1) { nodes { customer { name } } } } } } } } } } } } } } } } } }';
      await expectError(deep, 'QUERY_TOO_DEEP', /limit is 12/);
    });

    it('reads never write', async () => {
      const counts = async () => [
        await db.prisma.invoice.count(),
        await db.prisma.customer.count(),
        await db.prisma.externalLink.count(),
      ];
      const before = await counts();
      await gateway.post('{ invoices(first: 501) { totalCount } }');
      await gateway.post('{ invoices(filter: { totalMin: "x" }) { totalCount } }');
      expect(await counts()).toEqual(before);
    });
  });
});
