// Xero connector figures against the sandbox (limits scaled up; figures only, no assertions):
// upstream calls and wall time to read 10,000 contacts + 50,000 invoices and to write 5,000
// invoices, next to the theoretical minimum (records ÷ page size or batch size).
// Run: npx tsx bench/connectors/xero.ts
import { randomBytes } from 'node:crypto';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import { startXeroSandbox } from '@ledgerbridge/sandbox/xero/index.js';
import { openDatabase } from '../../src/store/database.js';
import { CredentialStore } from '../../src/store/credential-store.js';
import { SecretBox } from '../../src/store/secret-box.js';
import type { DocumentDraft, WriteRequest } from '../../src/systems/system.js';
import { Decimal } from '../../src/domain/money.js';
import {
  RateGovernor,
  XERO_PAGE_SIZE,
  XERO_WRITE_BATCH,
  XeroApi,
  XeroConnector,
  XeroIdentityClient,
  XeroTokenSource,
  connectCustomConnection,
  identityEndpointsAt,
} from '../../src/systems/xero/index.js';

const CUSTOMERS = 10_000;
const INVOICES = 50_000;
const WRITES = 5_000;

async function main(): Promise<void> {
  const t = Date.now();
  const company = generateDemoCompany({
    customers: CUSTOMERS,
    salesInvoices: INVOICES,
    purchaseInvoices: 100,
  });
  const limits = { perMinute: 1_000_000, perDay: 10_000_000, appPerMinute: 10_000_000, concurrent: 5 };
  const sandbox = await startXeroSandbox({ port: 0, companies: [company], limits });
  console.log(`sandbox with ${CUSTOMERS} customers / ${INVOICES} invoices ready in ${Date.now() - t} ms`);
  const db = await openDatabase({ dataDir: 'memory://' });
  await db.migrate();
  const store = new CredentialStore(db.prisma, new SecretBox(randomBytes(32)));
  const identity = new XeroIdentityClient({
    clientId: 'sandbox',
    clientSecret: 'sandbox',
    endpoints: identityEndpointsAt(sandbox.url),
  });
  await connectCustomConnection({ identity, store, connection: 'bench' });
  const api = new XeroApi({
    tenantId: company.id,
    tokens: new XeroTokenSource({ store, connection: 'bench', identity }),
    governor: new RateGovernor({ limits }),
    apiUrl: `${sandbox.url}/api.xro/2.0`,
  });
  const connector = new XeroConnector({ api, baseCurrency: company.baseCurrency });
  const calls = async (): Promise<number> => {
    const res = await fetch(`${sandbox.url}/__sandbox/calls`);
    const body = (await res.json()) as { total: number };
    await fetch(`${sandbox.url}/__sandbox/calls`, { method: 'DELETE' });
    return body.total;
  };
  const row = (what: string, records: number, ms: number, made: number, minimum: number) =>
    console.log(
      `${what.padEnd(22)} ${String(records).padStart(7)} records  ${String(made).padStart(4)} calls (minimum ${minimum})  ${String(ms).padStart(7)} ms`,
    );
  await calls();

  for (const entity of ['customer', 'invoice'] as const) {
    const started = Date.now();
    let n = 0;
    for await (const page of connector.list(entity)) n += page.records.length;
    row(`read ${entity}s`, n, Date.now() - started, await calls(), Math.ceil(n / XERO_PAGE_SIZE));
  }

  const customer = company.customers.find((c) => c.presence.xero && !c.archived)?.no ?? '';
  const account = company.accounts.find((a) => a.accountClass === 'REVENUE' && a.xeroCode)?.xeroCode ?? '200';
  const draft = (i: number): DocumentDraft => ({
    number: `BENCH-${String(i).padStart(5, '0')}`,
    party: { number: customer },
    status: 'AUTHORISED',
    issueDate: '2026-11-02',
    dueDate: '2026-12-02',
    currency: company.baseCurrency,
    currencyRate: null,
    lineAmountType: 'EXCLUSIVE',
    reference: null,
    externalDocumentNumber: null,
    subTotal: new Decimal(0),
    totalTax: new Decimal(0),
    total: new Decimal(0),
    amountPaid: new Decimal(0),
    amountDue: new Decimal(0),
    lines: [
      {
        lineNo: 1,
        item: null,
        description: 'Bench line',
        quantity: new Decimal(2),
        unitPrice: new Decimal('12.34'),
        discountPercent: new Decimal(0),
        accountCode: account,
        taxCode: null,
        taxAmount: new Decimal(0),
        lineAmount: new Decimal(0),
        dimensions: {},
      },
    ],
  });
  const requests: WriteRequest<'invoice'>[] = Array.from({ length: WRITES }, (_, i) => ({
    idempotencyKey: `bench-${i}:v1`,
    data: draft(i),
  }));
  const started = Date.now();
  const results = await connector.writeMany('invoice', requests);
  const ok = results.filter((r) => r.ok).length;
  row('write invoices', ok, Date.now() - started, await calls(), Math.ceil(WRITES / XERO_WRITE_BATCH));

  await sandbox.close();
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
