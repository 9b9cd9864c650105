// NAV sandbox at scale: how long seeding the demo company takes and how long single requests take,
// for customers/invoices sizes. Prints figures only. Each size runs in its own child process (its
// own heap, its own peak RSS); every request is timed from the client, one at a time, in real time
// and in CPU time of the process (server and client: on a busy machine the steadier figure).
//   npx tsx packages/sandbox/bench/nav-sandbox.ts [--sizes 1000/5000,2000/10000,10000/50000] [--repeat 3]
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDemoCompany } from '../src/demo/index.js';
import { createNavSandboxApp } from '../src/nav/index.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000/5000,2000/10000,10000/50000' },
    repeat: { type: 'string', default: '3' },
    child: { type: 'boolean', default: false },
  },
});

const AUTH = `Basic ${Buffer.from('ADMIN:sandbox').toString('base64')}`;

// What the connector reads: the party fields (a customer page), and posted invoices with their lines.
const CUSTOMER_SELECT =
  'No,Name,Address,Address_2,City,County,Post_Code,Country_Region_Code,Phone_No,E_Mail,' +
  'VAT_Registration_No,Currency_Code,Payment_Terms_Code,Blocked,Last_Date_Modified,Credit_Limit_LCY';
const POSTED_SELECT =
  'No,Sell_to_Customer_No,Posting_Date,Document_Date,Due_Date,External_Document_No,Currency_Code,' +
  'Amount,Amount_Including_VAT,Remaining_Amount,Closed,Cancelled,Pre_Assigned_No';
const LINE_SELECT =
  'Line_No,Type,No,Description,Quantity,Unit_Price,Line_Discount_Percent,VAT_Prod_Posting_Group';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);

async function measure(customers: number, invoices: number, repeat: number): Promise<void> {
  const t0 = performance.now();
  const company = generateDemoCompany({ customers, salesInvoices: invoices });
  const generateMs = performance.now() - t0;
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  const app = createNavSandboxApp({ company });
  const seedMs = performance.now() - t1;
  const seedCpu = process.cpuUsage(cpu);
  const state = app.locals.navSandbox.state;
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/DynamicsNAV110/ODataV4/Company('${encodeURIComponent(state.companyName)}')`;
  const today = new Date().toISOString().slice(0, 10);
  const requests: [string, string][] = [
    ['Customer, first page, connector $select', `Customer?$select=${CUSTOMER_SELECT}`],
    [
      'Customer, delta poll (modified today)',
      `Customer?$select=${CUSTOMER_SELECT}&$filter=Last_Date_Modified ge ${today}`,
    ],
    ['Customer, first page, every field', 'Customer'],
    ['Customer, one by key', `Customer('${state.customers.at(-1)?.no ?? ''}')`],
    [
      'PostedSalesInvoices, first page with lines',
      `PostedSalesInvoices?$select=${POSTED_SELECT}&$expand=PostedSalesInvoicesSalesInvLines($select=${LINE_SELECT})`,
    ],
  ];
  const rows: [string, string][] = [
    [
      'NAV customers / posted sales invoices',
      `${state.customers.length} / ${state.postedSalesInvoices.length}`,
    ],
    ['generate demo company', `${(generateMs / 1000).toFixed(1)} s`],
    ['seed the NAV sandbox', `${(seedMs / 1000).toFixed(2)} s`],
    ['  of which CPU', `${((seedCpu.user + seedCpu.system) / 1e6).toFixed(2)} s`],
  ];
  for (const [label, path] of requests) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let records = 0;
    for (let i = 0; i < repeat; i++) {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const res = await fetch(`${base}/${path}`, { headers: { Authorization: AUTH } });
      const body = (await res.json()) as { value?: unknown[] };
      const used = process.cpuUsage(cpuBefore);
      times.push(performance.now() - started);
      cpuTimes.push((used.user + used.system) / 1000);
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      records = body.value?.length ?? 1;
    }
    rows.push([`${label} (${records} records)`, `${median(times)} ms (CPU ${median(cpuTimes)})`]);
  }
  rows.push(['peak RSS', `${((process.resourceUsage().maxRSS * 1024) / 1024 / 1024).toFixed(0)} MB`]);
  console.log(`\n${customers} customers / ${invoices} sales invoices (each request: median of ${repeat})`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(58)} ${value.padStart(20)}`);
  server.close();
  app.locals.navSandbox.close();
}

const child = values.child;
const sizes = values.sizes.split(',').map((s) => s.split('/').map(Number) as [number, number]);
if (child) {
  const [customers, invoices] = sizes[0]!;
  await measure(customers, invoices, Number(values.repeat));
} else {
  const self = fileURLToPath(import.meta.url);
  for (const [customers, invoices] of sizes) {
    await new Promise<void>((resolve, reject) => {
      fork(self, ['--child', '--sizes', `${customers}/${invoices}`, '--repeat', values.repeat], {
        stdio: 'inherit',
      })
        .on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`${customers} exited with ${code}`)),
        )
        .on('error', reject);
    });
  }
}
