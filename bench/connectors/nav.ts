// Upstream calls and wall time for the NAV connector to read 10,000 customers and 50,000 posted
// invoices (with lines, one $expand per page) from the NAV sandbox, next to the theoretical minimum
// (records ÷ page size). Run: npx tsx bench/connectors/nav.ts [pageSize] [customers] [invoices]
// Seeding the sandbox with 50,000 posted invoices takes long: its posting allocates ledger entry
// numbers by scanning every entry (quadratic), so pass smaller sizes for a quick run.
import { performance } from 'node:perf_hooks';
import { BasicAuth, NavConnector } from '../../src/systems/nav/index.js';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import { startNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';

const pageSize = Number(process.argv[2] ?? 1000);
const CUSTOMERS = Number(process.argv[3] ?? 10_000);
const INVOICES = Number(process.argv[4] ?? 50_000);

async function calls(url: string, company: string): Promise<number> {
  const res = (await (await fetch(`${url}/__sandbox/calls`)).json()) as {
    tenants: Record<string, { total: number }>;
  };
  return res.tenants[company]?.total ?? 0;
}

async function main(): Promise<void> {
  let t = performance.now();
  console.log(`seeding the NAV sandbox with ${CUSTOMERS} customers and ${INVOICES} invoices…`);
  const company = generateDemoCompany({ customers: CUSTOMERS, salesInvoices: INVOICES, paidShare: 0.5 });
  const sandbox = await startNavSandbox({
    port: 0,
    company,
    pageSize,
    limits: { maxRequestsPerWindow: 1_000_000 },
  });
  console.log(
    `sandbox with ${CUSTOMERS} customers / ${INVOICES} invoices ready in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const connector = await NavConnector.connect({
    dialect: 'nav-odata-v4',
    baseUrl: `${sandbox.url}/DynamicsNAV110/ODataV4`,
    company: sandbox.companyName,
    auth: new BasicAuth('ADMIN', 'sandbox'),
    localCurrency: 'GBP',
    globalDimensions: ['DEPARTMENT', 'AREA'],
  });
  const rows: string[][] = [['entity', 'records', 'calls', 'minimum', 'seconds', 'records/s']];
  for (const entity of ['customer', 'invoice'] as const) {
    await fetch(`${sandbox.url}/__sandbox/calls`, { method: 'DELETE' });
    t = performance.now();
    let records = 0;
    let lines = 0;
    for await (const page of connector.list(entity)) {
      records += page.records.length;
      for (const r of page.records) if ('lines' in r.data) lines += r.data.lines.length;
    }
    const seconds = (performance.now() - t) / 1000;
    const n = await calls(sandbox.url, sandbox.companyName);
    // Invoices come from two services (posted, then unposted drafts): one extra short page at least.
    const minimum = entity === 'invoice' ? Math.ceil(records / pageSize) + 1 : Math.ceil(records / pageSize);
    rows.push([
      entity + (lines ? ` (+${lines} lines)` : ''),
      String(records),
      String(n),
      String(minimum),
      seconds.toFixed(2),
      Math.round(records / seconds).toString(),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
  console.log(`page size ${pageSize}; minimum = ceil(records / page size) per service read`);
  await sandbox.close();
}

await main();
