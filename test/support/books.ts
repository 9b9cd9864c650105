// The books scenarios' ground: both sandboxes on their own, a gateway started from its environment
// alone (as a user configures it: `connect xero` once, then XERO_* and NAV_* settings, demo mode
// off), and "compare the books": each document's total, tax and amount due in the mirror, in Xero
// and in NAV; each party's invoiced and outstanding totals (`reconciliation`); and each G/L account
// in both ledgers (`trialBalance`), all to the cent.
import { rm } from 'node:fs/promises';
import { Decimal } from 'decimal.js';
import { expect } from 'vitest';
import { startSandboxes, type RunningSandboxes } from '@ledgerbridge/sandbox';
import type { DemoOptions } from '@ledgerbridge/sandbox/demo/index.js';
import { startGateway, type Gateway } from '../../src/app.js';
import { configSchema } from '../../src/config/schema.js';
import { createLogger } from '../../src/ops/logger.js';
import { runCli, tempDataDir } from './cli.js';

export interface BooksGateway {
  sandboxes: RunningSandboxes;
  gateway: Gateway;
  /** A GraphQL call that must not fail as a whole. */
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Raw Accounting API call to the Xero sandbox, as a person keying into Xero would make it. */
  xero(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** Raw NAV OData V4 call to the company. */
  nav(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** The NAV sandbox's own back door (posting an order, a journal). */
  navAdmin(path: string, body: unknown): Promise<Record<string, unknown>>;
  /** Reads both books now (documents, payments, ledgers) and waits for every push it queued. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const secretKey = Buffer.alloc(32, 7).toString('base64');

export async function startBooksGateway(
  name: string,
  demo: Partial<DemoOptions> = {},
): Promise<BooksGateway> {
  const sandboxes = await startSandboxes({
    xeroPort: 0,
    navPort: 0,
    demo: {
      customers: 6,
      vendors: 3,
      items: 6,
      salesInvoices: 4,
      purchaseInvoices: 2,
      salesOrders: 0,
      ...demo,
    },
    xeroLimits: { perMinute: 100_000, perDay: 1_000_000, appPerMinute: 1_000_000 },
  });
  const dataDir = await tempDataDir(name);
  const connect = await runCli(
    ['connect', 'xero', '--custom-connection', '--identity-url', sandboxes.xero.url],
    { DEMO: 'off', DATA_DIR: dataDir, XERO_CLIENT_ID: 'sandbox', XERO_CLIENT_SECRET: 'sandbox' },
    { timeoutMs: 120_000 },
  );
  expect(connect.code, connect.stderr).toBe(0);
  const tenantId = sandboxes.xero.sandbox.tenantList()[0]?.tenantId ?? '';
  const config = configSchema.parse({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO: 'off',
    DATA_DIR: dataDir,
    SECRET_KEY: secretKey,
    SYNC_INTERVAL_MS: '3600000',
    FULL_SYNC_INTERVAL_MS: '0',
    XERO_CLIENT_ID: 'sandbox',
    XERO_CLIENT_SECRET: 'sandbox',
    XERO_TENANT_ID: tenantId,
    XERO_IDENTITY_URL: sandboxes.xero.url,
    XERO_API_URL: `${sandboxes.xero.url}/api.xro/2.0`,
    NAV_URL: `${sandboxes.nav.url}/DynamicsNAV110/ODataV4`,
    NAV_COMPANY: sandboxes.nav.companyName,
    NAV_USER: 'ADMIN',
    NAV_ACCESS_KEY: 'sandbox',
    NAV_GLOBAL_DIMENSIONS: 'DEPARTMENT,AREA',
  });
  const gateway = await startGateway(config, createLogger('silent', { pretty: false }));
  // The API serves before the initial sync is done; a scenario starts from both books read.
  await gateway.initialSync;

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(gateway.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data as T;
  };
  const xeroToken = async () => {
    const response = await fetch(`${sandboxes.xero.url}/connect/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const navAuth = `Basic ${Buffer.from('ADMIN:sandbox').toString('base64')}`;
  const company = `/DynamicsNAV110/ODataV4/Company('${encodeURIComponent(sandboxes.nav.companyName)}')`;
  return {
    sandboxes,
    gateway,
    gql,
    async xero(method, path, body) {
      const response = await fetch(`${sandboxes.xero.url}/api.xro/2.0${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await xeroToken()}`,
          'xero-tenant-id': tenantId,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return (await response.json()) as Record<string, unknown>;
    },
    nav(method, path, body, headers = {}) {
      return fetch(`${sandboxes.nav.url}${company}${path}`, {
        method,
        headers: { authorization: navAuth, 'content-type': 'application/json', ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    },
    async navAdmin(path, body) {
      const response = await fetch(`${sandboxes.nav.url}/__sandbox${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as Record<string, unknown>;
      expect(response.ok, JSON.stringify(json)).toBe(true);
      return json;
    },
    async settle() {
      // Twice: what the first read queued is pushed, and its postings are read in the second.
      for (let round = 0; round < 2; round++) {
        await gateway.sync.syncNow();
        await gateway.sync.engine?.drain();
      }
    },
    async close() {
      await gateway.stop();
      await sandboxes.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

interface DocumentView {
  __typename: 'Invoice' | 'Bill';
  number: string;
  currency: string;
  total: string;
  totalTax: string;
  amountDue: string;
  sync: { sources: { system: string; externalId: string; externalNumber: string | null }[] };
}
interface XeroDoc {
  Total: number;
  TotalTax: number;
  AmountDue: number;
  CurrencyCode: string;
}
interface NavPosted {
  Amount: number;
  Amount_Including_VAT: number;
  Remaining_Amount: number;
}

interface ChangePayload {
  record: { id: string } | null;
  userErrors: unknown[];
  jobs: { system: string; status: string; lastError: { message: string } | null }[];
}
const changePayload = `record { id } userErrors { field code message } jobs { system status lastError { message } }`;

/**
 * Runs one document or master-data mutation and waits for its pushes; it must be accepted with no
 * user error and every job must have succeeded. Returns the record's id.
 */
export async function mutateAndWait(
  books: BooksGateway,
  name: string,
  input: Record<string, unknown>,
  inputType: string,
): Promise<string> {
  const data = await books.gql<Record<string, ChangePayload>>(
    `mutation($input: ${inputType}!) { ${name}(input: $input, options: { wait: true }) { ${changePayload} } }`,
    { input },
  );
  const result = data[name]!;
  expect(result.userErrors).toEqual([]);
  expect(result.jobs.filter((j) => j.status !== 'SUCCEEDED')).toEqual([]);
  return result.record!.id;
}

export interface BookFigures {
  total: string;
  totalTax: string;
  amountDue: string;
}

/** One document as the mirror, Xero and NAV hold it, to the cent. */
export async function documentInBooks(
  books: BooksGateway,
  id: string,
): Promise<{ number: string; ours: BookFigures; xero: BookFigures | null; nav: BookFigures | null }> {
  const { node } = await books.gql<{ node: DocumentView }>(
    `query($id: ID!) { node(id: $id) { __typename
       ... on Invoice { number currency total totalTax amountDue sync { sources { system externalId externalNumber } } }
       ... on Bill { number currency total totalTax amountDue sync { sources { system externalId externalNumber } } } } }`,
    { id },
  );
  const cents = (v: Decimal.Value) => new Decimal(v).toFixed(2);
  const source = (system: string) => node.sync.sources.find((s) => s.system === system);
  let xero: BookFigures | null = null;
  const x = source('XERO');
  if (x) {
    const doc = ((await books.xero('GET', `/Invoices/${x.externalId}`)).Invoices as XeroDoc[])[0]!;
    xero = { total: cents(doc.Total), totalTax: cents(doc.TotalTax), amountDue: cents(doc.AmountDue) };
  }
  let nav: BookFigures | null = null;
  const n = source('NAV');
  if (n) {
    const page = node.__typename === 'Invoice' ? 'PostedSalesInvoices' : 'PostedPurchaseInvoices';
    const no = n.externalNumber ?? n.externalId;
    const response = await books.nav('GET', `/${page}('${encodeURIComponent(no)}')`);
    expect(response.ok, `${page} ${no}: ${response.status}`).toBe(true);
    const doc = (await response.json()) as NavPosted;
    nav = {
      total: cents(doc.Amount_Including_VAT),
      totalTax: cents(new Decimal(doc.Amount_Including_VAT).minus(doc.Amount)),
      // A vendor's remaining amount is negative in NAV (we owe it).
      amountDue: cents(new Decimal(doc.Remaining_Amount).abs()),
    };
  }
  return {
    number: node.number,
    ours: { total: cents(node.total), totalTax: cents(node.totalTax), amountDue: cents(node.amountDue) },
    xero,
    nav,
  };
}

interface ReconciliationRow {
  partyId: string | null;
  number: string | null;
  currency: string;
  matches: boolean;
  nav: { invoiced: string; outstanding: string } | null;
  xero: { invoiced: string; outstanding: string } | null;
}
interface TrialBalanceRow {
  account: string;
  navAccounts: string[];
  matches: boolean;
  difference: string;
  nav: { balance: string } | null;
  xero: { balance: string } | null;
}
interface TrialBalanceView {
  mismatches: number;
  rows: TrialBalanceRow[];
  navTotals: { debit: string; credit: string };
  xeroTotals: { debit: string; credit: string };
}

export interface BooksCompared {
  /** Every difference found, one line each; empty when the books agree. */
  differences: string[];
  documents: Awaited<ReturnType<typeof documentInBooks>>[];
  parties: ReconciliationRow[];
  trialBalance: TrialBalanceView;
}

/**
 * Compares both books to the cent: each document in the mirror, Xero and NAV; each given party's
 * invoiced and outstanding totals per currency as both books are read live (a party with no document
 * has no row); and every G/L account
 * of both ledgers posted between `from` and `to`, each ledger balancing on its own.
 */
export async function compareBooks(
  books: BooksGateway,
  scope: { documents: string[]; parties: string[]; from: string; to: string },
): Promise<BooksCompared> {
  const differences: string[] = [];
  const documents = [];
  for (const id of scope.documents) {
    const doc = await documentInBooks(books, id);
    documents.push(doc);
    for (const [book, figures] of [
      ['XERO', doc.xero],
      ['NAV', doc.nav],
    ] as const) {
      if (!figures) {
        differences.push(`${doc.number}: not in ${book}`);
        continue;
      }
      for (const key of ['total', 'totalTax', 'amountDue'] as const)
        if (figures[key] !== doc.ours[key])
          differences.push(`${doc.number} ${key}: ours ${doc.ours[key]}, ${book} ${figures[key]}`);
    }
  }
  const { reconciliation } = await books.gql<{ reconciliation: { rows: ReconciliationRow[] } }>(
    `{ reconciliation { rows { partyId number currency matches nav { invoiced outstanding } xero { invoiced outstanding } } } }`,
  );
  const parties = reconciliation.rows.filter((r) => r.partyId && scope.parties.includes(r.partyId));
  for (const r of parties.filter((p) => !p.matches))
    differences.push(
      `party ${r.number} ${r.currency}: NAV ${JSON.stringify(r.nav)}, XERO ${JSON.stringify(r.xero)}`,
    );
  const { trialBalance } = await books.gql<{ trialBalance: TrialBalanceView }>(
    `query($from: Date!, $to: Date!) { trialBalance(from: $from, to: $to) { mismatches
       rows { account navAccounts matches difference nav { balance } xero { balance } }
       navTotals { debit credit } xeroTotals { debit credit } } }`,
    { from: scope.from, to: scope.to },
  );
  for (const r of trialBalance.rows.filter((row) => !row.matches))
    differences.push(
      `account ${r.account} (${r.navAccounts.join(',')}): NAV ${r.nav?.balance ?? '-'}, XERO ${r.xero?.balance ?? '-'}`,
    );
  for (const side of ['navTotals', 'xeroTotals'] as const) {
    const t = trialBalance[side];
    if (!new Decimal(t.debit).eq(t.credit)) differences.push(`${side}: debit ${t.debit}, credit ${t.credit}`);
  }
  return { differences, documents, parties, trialBalance };
}
