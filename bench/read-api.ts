// Read-API benchmark: a mirror of 10,000 customers and 50,000 invoices; the dashboard's
// "100 invoices with customer, lines and payments" query over real HTTP. Prints SQL statements
// per query, p50/p99 latency and the gateway's peak RSS. Figures only, no assertions.
//   npx tsx bench/read-api.ts [--customers 10000] [--invoices 50000] [--runs 200]
import 'reflect-metadata';
import { print } from 'graphql';
import { parseArgs } from 'node:util';
import { InvoicesWithDetailsDocument } from '../test/generated/graphql.js';
import { buildMirrorFixture, loadMirrorFixture } from '../test/support/mirror-fixtures.js';
import { configSchema } from '../src/config/schema.js';
import { startServer } from '../src/graphql/server.js';
import { createLogger } from '../src/ops/logger.js';
import { openDatabase } from '../src/store/database.js';
import { MirrorWriter } from '../src/store/mirror-writer.js';
import { createSyncServices } from '../src/sync/services.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '10000' },
    invoices: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '200' },
    database: { type: 'string' },
  },
});
const customers = Number(values.customers);
const invoices = Number(values.invoices);
const runs = Number(values.runs);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const db = await openDatabase(values.database ? { url: values.database } : { dataDir: 'memory://' });
await db.migrate();
const writer = new MirrorWriter(db.prisma);
await writer.truncateAll();

let started = performance.now();
const fixture = buildMirrorFixture({ customers, invoices, items: 500 });
await loadMirrorFixture(writer, fixture);
console.log(
  `mirror (${db.kind}): ${customers} customers, ${invoices} invoices, ${fixture.invoiceLines.length} lines, ` +
    `${fixture.payments.length} payments loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const peakDuringLoad = peakRss;
peakRss = process.memoryUsage.rss();

const config = configSchema.parse({ PORT: '0', HOST: '127.0.0.1' });
const sync = createSyncServices(db);
const server = await startServer(config, db, createLogger('silent', { pretty: false }), sync);
const body = JSON.stringify({ query: print(InvoicesWithDetailsDocument), variables: { first: 100 } });
const query = async () => {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const json = (await response.json()) as { errors?: unknown; data?: { invoices: { edges: unknown[] } } };
  if (json.errors || json.data?.invoices.edges.length !== 100)
    throw new Error(JSON.stringify(json).slice(0, 500));
};

for (let i = 0; i < 10; i++) await query(); // warm up
db.queries.reset();
await query();
const statementsPerQuery = db.queries.count;

const latencies: number[] = [];
for (let i = 0; i < runs; i++) {
  started = performance.now();
  await query();
  latencies.push(performance.now() - started);
}
latencies.sort((a, b) => a - b);

console.log(`query: 100 invoices with customer, lines (item, dimensions), payments and sync sources`);
console.log(`SQL statements per query: ${statementsPerQuery}`);
console.log(
  `latency over ${runs} runs: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
);
console.log(
  `gateway peak RSS while serving: ${mb(peakRss)} (while generating and loading the mirror: ${mb(peakDuringLoad)})`,
);
if (db.kind === 'pglite')
  console.log('note: embedded PGlite keeps its buffers in this process, so its memory counts here');

clearInterval(sampler);
await server.close();
await sync.close();
await db.close();
