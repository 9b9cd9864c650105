// Demo-company generation: time, peak memory and record counts for the default size and for a
// large company. Prints figures only. Each size runs in its own child process so peak RSS is its own.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { generateDemoCompany, type DemoOptions } from '../src/demo/index.js';

const SIZES: Record<string, Partial<DemoOptions>> = {
  default: {},
  large: {
    customers: 10_000,
    vendors: 1_000,
    items: 2_000,
    salesInvoices: 100_000,
    purchaseInvoices: 20_000,
    salesOrders: 1_000,
  },
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function measure(size: string): void {
  const options = SIZES[size];
  if (!options) throw new Error(`unknown size ${size}`);
  const started = process.hrtime.bigint();
  const company = generateDemoCompany(options);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const memory = process.memoryUsage();
  const heap = getHeapStatistics();
  const lines = [...company.salesInvoices, ...company.purchaseInvoices].reduce(
    (n, d) => n + d.lines.length,
    0,
  );
  const rows: [string, string | number][] = [
    ['generation time', `${ms.toFixed(0)} ms`],
    ['peak RSS', mb(process.resourceUsage().maxRSS * 1024)],
    ['heap used (company alive)', mb(memory.heapUsed)],
    ['heap size (peak of V8 heap)', mb(heap.total_heap_size)],
    ['customers', company.customers.length],
    ['vendors', company.vendors.length],
    ['items', company.items.length],
    [
      'sales invoices (posted/draft)',
      `${company.salesInvoices.filter((d) => d.posted).length}/${company.salesInvoices.filter((d) => !d.posted).length}`,
    ],
    [
      'purchase invoices (posted/draft)',
      `${company.purchaseInvoices.filter((d) => d.posted).length}/${company.purchaseInvoices.filter((d) => !d.posted).length}`,
    ],
    ['sales orders', company.salesOrders.length],
    ['payments', company.payments.length],
    ['invoice lines', lines],
  ];
  console.log(`\n${size} (${JSON.stringify(options)})`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(34)} ${value}`);
}

const child = process.argv[2];
if (child !== undefined) {
  measure(child);
} else {
  // One child per size, one after the other, so their numbers do not mix.
  const self = fileURLToPath(import.meta.url);
  for (const size of Object.keys(SIZES)) {
    await new Promise<void>((resolve, reject) => {
      fork(self, [size], { stdio: 'inherit' })
        .on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${size} exited with ${code}`))))
        .on('error', reject);
    });
  }
}
