// Each book's general ledger pulled from the sandboxes (NAV G/L entries, Xero journals): balanced
// per book and per document, linked to the mirror's documents, read again only from where the last
// run stopped, queried through the API's filters, and compared side by side in the trial balance
// against the sandboxes' own ledgers read here over HTTP (not from the mirror).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/domain/money.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { Lookups } from '../../src/mapping/lookups.js';
import { LedgerEntriesDocument, TrialBalanceDocument } from '../generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startSyncEnv, type SyncEnv } from '../support/sync-env.js';

const systems = ['NAV', 'XERO'] as const;
const ZERO = new Decimal(0);

interface Counts {
  tenants: Record<string, { byEndpoint: Record<string, number> }>;
}

describe('ledger entries of both books', () => {
  let env: SyncEnv;
  let gateway: TestGateway;
  const calls = async (url: string, endpoint: string) => {
    const counts = (await (await fetch(`${url}/__sandbox/calls`)).json()) as Counts;
    return Object.values(counts.tenants).reduce((n, t) => n + (t.byEndpoint[endpoint] ?? 0), 0);
  };
  const resetCalls = () =>
    Promise.all(
      [env.sandboxes.xero.url, env.sandboxes.nav.url].map((u) =>
        fetch(`${u}/__sandbox/calls`, { method: 'DELETE' }),
      ),
    );

  /** NAV's balance (debit − credit) per G/L account, from its own GLEntry page. */
  const navLedger = async () => {
    const out = new Map<string, Decimal>();
    let url: string | null = '/GLEntry';
    let entries = 0;
    while (url) {
      const res = await env.nav$('GET', url.replace(/^.*\/GLEntry/, '/GLEntry'));
      const body = (await res.json()) as {
        value: { G_L_Account_No: string; Debit_Amount: number; Credit_Amount: number }[];
        '@odata.nextLink'?: string;
      };
      for (const e of body.value) {
        entries += 1;
        const net = new Decimal(String(e.Debit_Amount)).minus(String(e.Credit_Amount));
        out.set(e.G_L_Account_No, (out.get(e.G_L_Account_No) ?? ZERO).plus(net));
      }
      url = body['@odata.nextLink'] ?? null;
    }
    return { balances: out, entries };
  };

  /** Xero's balance (sum of net amounts) per account code, from its own /Journals. */
  const xeroLedger = async () => {
    const out = new Map<string, Decimal>();
    let offset = 0;
    let lines = 0;
    for (;;) {
      const body = (await env.xeroGet(`/Journals?offset=${offset}`)) as {
        Journals: { JournalNumber: number; JournalLines: { AccountCode: string; NetAmount: number }[] }[];
      };
      for (const j of body.Journals)
        for (const l of j.JournalLines) {
          lines += 1;
          out.set(l.AccountCode, (out.get(l.AccountCode) ?? ZERO).plus(String(l.NetAmount)));
        }
      if (body.Journals.length < 100) break;
      offset = Math.max(...body.Journals.map((j) => j.JournalNumber));
    }
    return { balances: out, entries: lines };
  };

  beforeAll(async () => {
    env = await startSyncEnv();
    gateway = await startTestGateway(env.db, { lookups: await Lookups.fromFile('config/lookups.demo.yaml') });
    // The documents first (read only, nothing pushed), so ledger entries find what they posted.
    for (const entity of ['customer', 'vendor', 'item', 'dimension', 'invoice', 'bill', 'payment'] as const)
      for (const system of systems) await env.engine.pull(system, entity);
    await resetCalls();
    for (const system of systems) await env.engine.pull(system, 'ledgerEntry');
  }, 240_000);
  afterAll(async () => {
    await gateway?.close();
    await env?.close();
  });

  it('holds every entry of each book, balanced per book and per document, linked to its document', async () => {
    const nav = await navLedger();
    const xero = await xeroLedger();
    expect(await env.db.prisma.ledgerEntry.count({ where: { system: 'NAV' } })).toBe(nav.entries);
    expect(await env.db.prisma.ledgerEntry.count({ where: { system: 'XERO' } })).toBe(xero.entries);
    expect(nav.entries).toBeGreaterThan(20);
    expect(xero.entries).toBeGreaterThan(20);

    for (const system of systems) {
      const entries = await env.db.prisma.ledgerEntry.findMany({ where: { system } });
      const sum = (pick: 'debit' | 'credit', list = entries) =>
        list.reduce((s, e) => s.plus(e[pick].toString()), ZERO);
      expect(sum('debit').toFixed(4), `${system} debits = credits`).toBe(sum('credit').toFixed(4));
      // Per document: NAV by document number, Xero by the transaction its journal posted.
      const byDocument = new Map<string, typeof entries>();
      for (const e of entries) {
        const key = e.sourceId ?? `${e.documentType}:${e.documentNumber}`;
        byDocument.set(key, [...(byDocument.get(key) ?? []), e]);
      }
      for (const [doc, list] of byDocument)
        expect(sum('debit', list).toFixed(4), `${system} ${doc}`).toBe(sum('credit', list).toFixed(4));
      const kinds = new Set(entries.map((e) => e.documentKind));
      expect([...kinds].filter(Boolean).sort(), system).toEqual(['BILL', 'INVOICE', 'PAYMENT']);
    }

    // A linked entry names the document the mirror holds: same number (NAV) or the linked Xero id.
    const invoiceEntry = await env.db.prisma.ledgerEntry.findFirstOrThrow({
      where: { system: 'NAV', documentKind: 'INVOICE' },
    });
    const invoice = await env.db.prisma.invoice.findUniqueOrThrow({
      where: { id: invoiceEntry.documentId! },
    });
    expect(invoice.number).toBe(invoiceEntry.documentNumber);
    const xeroEntry = await env.db.prisma.ledgerEntry.findFirstOrThrow({
      where: { system: 'XERO', documentKind: 'BILL' },
    });
    const link = await env.db.prisma.externalLink.findFirstOrThrow({
      where: { system: 'XERO', entityType: 'BILL', entityId: xeroEntry.documentId! },
    });
    expect(link.externalId.toLowerCase()).toBe(xeroEntry.sourceId);
    // Nothing is pushed: ledger entries are each book's own.
    expect(await env.db.prisma.syncJob.count({ where: { entityType: 'LEDGER_ENTRY' } })).toBe(0);
  });

  it('reads only what was posted since on the next run: one call per book', async () => {
    await resetCalls();
    const again = await Promise.all(systems.map((s) => env.engine.pull(s, 'ledgerEntry')));
    expect(again.map((r) => r.read)).toEqual([0, 0]);
    expect(await calls(env.sandboxes.nav.url, 'GET NAV GLEntry')).toBe(1);
    expect(await calls(env.sandboxes.xero.url, 'GET /Journals')).toBe(1);

    // A manual journal keyed into Xero: three lines of awkward amounts, one with tracking.
    const posted = await env.xeroPost('/ManualJournals', {
      ManualJournals: [
        {
          Narration: 'Accrual, thirds',
          Status: 'POSTED',
          Date: '2026-11-30',
          JournalLines: [
            { AccountCode: '469', LineAmount: 100.01, Description: 'rent accrual' },
            { AccountCode: '412', LineAmount: 33.33 },
            { AccountCode: '800', LineAmount: -133.34 },
          ],
        },
      ],
    });
    expect(JSON.stringify(posted)).toContain('POSTED');
    await resetCalls();
    const before = await env.db.prisma.ledgerEntry.count({ where: { system: 'XERO' } });
    const report = await env.engine.pull('XERO', 'ledgerEntry');
    expect(report.read).toBe(3);
    expect(report.applied).toBe(3);
    expect(await calls(env.sandboxes.xero.url, 'GET /Journals')).toBe(1);
    expect(await env.db.prisma.ledgerEntry.count({ where: { system: 'XERO' } })).toBe(before + 3);
    const accrual = await env.db.prisma.ledgerEntry.findMany({
      where: { system: 'XERO', sourceType: 'MANJOURNAL' },
      orderBy: { lineNo: 'asc' },
    });
    expect(accrual.map((e) => [e.accountCode, e.debit.toFixed(2), e.credit.toFixed(2)])).toEqual([
      ['469', '100.01', '0.00'],
      ['412', '33.33', '0.00'],
      ['800', '0.00', '133.34'],
    ]);
  });

  it('reads a long ledger a hundred journals a call, resuming after the last journal number', async () => {
    // 120 journals keyed in one call, each 0.01 apart, debiting consulting against the bank.
    const journals = Array.from({ length: 120 }, (_, i) => {
      const amount = (12.34 + i / 100).toFixed(2);
      return {
        Narration: `Consultant ${i}`,
        Status: 'POSTED',
        Date: '2026-10-15',
        JournalLines: [
          { AccountCode: '412', LineAmount: Number(amount) },
          { AccountCode: '090', LineAmount: -Number(amount) },
        ],
      };
    });
    await env.xeroPost('/ManualJournals', { ManualJournals: journals });
    await resetCalls();
    const report = await env.engine.pull('XERO', 'ledgerEntry');
    expect(report.read).toBe(240);
    expect(await calls(env.sandboxes.xero.url, 'GET /Journals')).toBe(2);
    const consulting = await env.db.prisma.ledgerEntry.aggregate({
      where: {
        system: 'XERO',
        accountCode: '412',
        sourceType: 'MANJOURNAL',
        postingDate: new Date('2026-10-15'),
      },
      _sum: { debit: true },
      _count: true,
    });
    // 120 × 12.34 + (0 + 1 + … + 119) / 100 = 1480.80 + 71.40
    expect(consulting._count).toBe(120);
    expect(consulting._sum.debit?.toFixed(2)).toBe('1552.20');
    await resetCalls();
    expect((await env.engine.pull('XERO', 'ledgerEntry')).read).toBe(0);
    expect(await calls(env.sandboxes.xero.url, 'GET /Journals')).toBe(1);
  });

  it('filters by book, account, period, dimension and document through the API', async () => {
    const page = async (filter: Record<string, unknown>) => {
      const res = await gateway.request(LedgerEntriesDocument, { first: 500, filter });
      expect(res.errors).toBeUndefined();
      return res.data!.ledgerEntries;
    };
    const navOnly = await page({ system: 'NAV' });
    expect(navOnly.totalCount).toBe(await env.db.prisma.ledgerEntry.count({ where: { system: 'NAV' } }));
    expect(navOnly.nodes.every((n) => n.system === 'NAV')).toBe(true);

    const sales = await page({ system: 'NAV', accountCode: '6110', postingDateFrom: '2026-09-01' });
    expect(sales.nodes.length).toBeGreaterThan(0);
    expect(sales.nodes.every((n) => n.accountCode === '6110' && n.postingDate >= '2026-09-01')).toBe(true);
    expect(sales.totalCount).toBeLessThan(
      (await page({ system: 'NAV', accountCode: '6110' })).totalCount ?? 0,
    );

    const tagged = await env.db.prisma.ledgerEntry.findFirstOrThrow({
      where: { dimensions: { path: ['DEPARTMENT'], equals: 'ADM' } },
    });
    const byDimension = await page({ dimension: { code: 'DEPARTMENT', value: 'ADM' } });
    expect(byDimension.nodes.map((n) => n.id)).toContain(toGlobalId('LedgerEntry', tagged.id));
    expect(
      byDimension.nodes.every((n) =>
        n.dimensions.some((d) => d.dimension === 'DEPARTMENT' && d.value === 'ADM'),
      ),
    ).toBe(true);

    const entry = await env.db.prisma.ledgerEntry.findFirstOrThrow({ where: { documentKind: 'INVOICE' } });
    const invoiceId = toGlobalId('Invoice', entry.documentId!);
    const ofInvoice = await page({ documentId: invoiceId });
    expect(ofInvoice.nodes.length).toBeGreaterThan(1);
    expect(ofInvoice.nodes.every((n) => n.documentId === invoiceId && n.documentKind === 'INVOICE')).toBe(
      true,
    );
    const debit = ofInvoice.nodes.reduce((s, n) => s.plus(n.debit), ZERO);
    expect(debit.toFixed(2)).toBe(ofInvoice.nodes.reduce((s, n) => s.plus(n.credit), ZERO).toFixed(2));

    const wrong = await gateway.request(LedgerEntriesDocument, {
      filter: { documentId: toGlobalId('Customer', entry.documentId!) },
    });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['filter', 'documentId'],
    });
  });

  it('shows both books side by side in the trial balance, every difference reported', async () => {
    const nav = (await navLedger()).balances;
    const xero = (await xeroLedger()).balances;
    const res = await gateway.request(TrialBalanceDocument, { from: '2000-01-01', to: '2099-12-31' });
    expect(res.errors).toBeUndefined();
    const tb = res.data!.trialBalance;
    // Each book balances over the whole ledger.
    expect(tb.navTotals.debit).toBe(tb.navTotals.credit);
    expect(tb.xeroTotals.debit).toBe(tb.xeroTotals.credit);
    for (const row of tb.rows) {
      const navSum = row.navAccounts.reduce((s, a) => s.plus(nav.get(a) ?? ZERO), ZERO);
      const xeroSum = row.xeroAccount ? (xero.get(row.xeroAccount) ?? ZERO) : ZERO;
      expect(new Decimal(row.nav?.balance ?? 0).toFixed(2), `NAV ${row.account}`).toBe(navSum.toFixed(2));
      expect(new Decimal(row.xero?.balance ?? 0).toFixed(2), `Xero ${row.account}`).toBe(xeroSum.toFixed(2));
      expect(new Decimal(row.difference).toFixed(2)).toBe(navSum.minus(xeroSum).toFixed(2));
      expect(row.matches).toBe(navSum.minus(xeroSum).toFixed(2) === '0.00');
    }
    // Every account either book holds is in a row.
    const shown = new Set(tb.rows.flatMap((r) => [...r.navAccounts, r.xeroAccount ?? '']));
    expect([...nav.keys(), ...xero.keys()].filter((a) => !shown.has(a))).toEqual([]);
    // NAV's sales and purchase VAT share Xero's one VAT account: one row adds both up.
    const vat = tb.rows.find((r) => r.xeroAccount === '820')!;
    expect(vat.navAccounts).toEqual(['5610', '5630']);
    expect(vat.nav?.accounts).toEqual(expect.arrayContaining(['5610']));
    // The books were not synced with each other: the differences are reported, not hidden.
    expect(tb.mismatches).toBe(tb.rows.filter((r) => !r.matches).length);
    expect(tb.mismatches).toBeGreaterThan(0);
    expect(tb.rows.some((r) => r.nav && !r.xero && !r.matches)).toBe(true);

    // Narrowed to accounts (either book's code) and split by month.
    const narrow = await gateway.request(TrialBalanceDocument, {
      from: '2026-01-01',
      to: '2026-12-31',
      accounts: ['6110', '469'],
      period: 'MONTH',
    });
    const rows = narrow.data!.trialBalance.rows;
    expect(new Set(rows.map((r) => r.xeroAccount))).toEqual(new Set(['200', '469']));
    expect(rows.every((r) => r.period && r.period.endsWith('-01'))).toBe(true);
    const monthly = rows
      .filter((r) => r.xeroAccount === '469')
      .reduce((s, r) => s.plus(r.xero?.balance ?? 0), ZERO);
    expect(monthly.toFixed(2)).toBe((xero.get('469') ?? ZERO).toFixed(2));

    const backwards = await gateway.request(TrialBalanceDocument, { from: '2026-12-31', to: '2026-01-01' });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['to'] });
  });
});
