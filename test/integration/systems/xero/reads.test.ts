// Reads against the Xero sandbox over real HTTP: paging to the end, deltas, getMany batching.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../../../src/domain/money.js';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import { collect, startEnv, type Env } from './support.js';

describe('Xero connector: reads', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv({
      company: generateDemoCompany({ customers: 2300, salesInvoices: 1200, purchaseInvoices: 30 }),
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('pages customers to the end with pageSize=1000: ceil(N/1000) list calls', async () => {
    await env.resetCalls();
    const expected = env.company.customers.filter((c) => c.presence.xero).length;
    const { records, pages } = await collect(env.connector().list('customer'));
    expect(records).toHaveLength(expected);
    expect(new Set(records.map((r) => r.externalId)).size).toBe(expected);
    expect(pages).toBe(Math.ceil(expected / 1000));
    expect((await env.calls())['GET /Contacts']).toBe(Math.ceil(expected / 1000));
    const alpha = records.find((r) => r.externalNumber === env.company.customers[0]?.no);
    expect(alpha?.data.name).toBe(env.company.customers[0]?.name);
    expect(records.some((r) => !r.active && r.data.status === 'ARCHIVED')).toBe(
      env.company.customers.some((c) => c.presence.xero && c.archived),
    );
  });

  it('pages invoices with their lines, money as Decimal and dates as YYYY-MM-DD', async () => {
    await env.resetCalls();
    const expected = env.company.salesInvoices.filter((d) => d.presence.xero).length;
    const { records, pages } = await collect(env.connector().list('invoice'));
    expect(records).toHaveLength(expected);
    expect(pages).toBe(Math.ceil(expected / 1000));
    expect((await env.calls())['GET /Invoices']).toBe(pages);
    const first = records[0];
    expect(first?.data.lines.length).toBeGreaterThan(0);
    expect(first?.data.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first?.data.total.toFixed(2)).toBe(first?.data.subTotal.plus(first.data.totalTax).toFixed(2));
  });

  it('resumes from a checkpoint without re-reading earlier pages', async () => {
    const gen = env.connector().list('customer');
    const firstPage = await gen.next();
    await gen.return(undefined);
    const checkpoint = firstPage.done ? null : firstPage.value.checkpoint;
    expect(checkpoint).toMatchObject({ page: 2 });
    await env.resetCalls();
    const rest = await collect(env.connector().list('customer', { checkpoint }));
    expect(rest.pages).toBe(2);
    expect((await env.calls())['GET /Contacts']).toBe(2);
  });

  it('reads deltas with If-Modified-Since', async () => {
    const connector = env.connector();
    const customer = env.company.customers.find((c) => c.presence.xero && !c.archived);
    const before = new Date(Date.now() - 1000);
    const [created] = await connector.writeMany('invoice', [
      {
        idempotencyKey: 'delta-1',
        data: {
          number: 'DELTA-0001',
          party: { number: customer?.no },
          status: 'DRAFT',
          issueDate: '2026-11-02',
          dueDate: '2026-12-02',
          currency: 'GBP',
          currencyRate: null,
          lineAmountType: 'EXCLUSIVE',
          reference: null,
          externalDocumentNumber: null,
          subTotal: new Decimal(0),
          totalTax: new Decimal(0),
          total: new Decimal(0),
          amountPaid: new Decimal(0),
          amountDue: new Decimal(0),
          lines: [],
        },
      },
    ]);
    expect(created?.ok).toBe(true);
    await env.resetCalls();
    const delta = await collect(env.connector().list('invoice', { modifiedSince: before }));
    expect(delta.records.map((r) => r.externalNumber)).toEqual(['DELTA-0001']);
    expect((await env.calls())['GET /Invoices']).toBe(1);
    const later = await collect(
      env.connector().list('invoice', { modifiedSince: new Date(Date.now() + 5000) }),
    );
    expect(later.records).toHaveLength(0);
  });

  it('getMany asks for ids 50 to a call', async () => {
    const { records } = await collect(env.connector().list('invoice'));
    const ids = records.slice(0, 120).map((r) => r.externalId);
    await env.resetCalls();
    const found = await env.connector().getMany('invoice', ids);
    expect(found.size).toBe(120);
    expect((await env.calls())['GET /Invoices']).toBe(3);
    expect([...found.values()][0]?.data.lines.length).toBeGreaterThan(0);
  });
});
