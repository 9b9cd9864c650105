// `npm run scale-out`: three gateways (ports 4000-4002) on one PostgreSQL and one Redis, with the
// Xero and NAV/BC sandboxes (4101, 4102), each process's log lines prefixed with its name. Ctrl-C
// (SIGINT) or SIGTERM reaches every gateway; the script exits once they have stopped, and stops
// the others when one ends on its own. DATABASE_URL, REDIS_URL and SECRET_KEY override the defaults.
import { randomBytes } from 'node:crypto';
import { startScaleOut } from './scale-out/cluster.js';

const databaseUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/ledgerbridge_scaleout';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
let secretKey = process.env.SECRET_KEY;
if (!secretKey) {
  // Enough for the sandbox: `connect xero` seals the connection afresh with it on every run.
  secretKey = randomBytes(32).toString('base64');
  console.log('[scale-out] SECRET_KEY is not set: sealing this run with a fresh key');
}
const port = (name: string, fallback: number) => Number(process.env[name] || fallback);

const cluster = await startScaleOut({
  databaseUrl,
  redisUrl,
  secretKey,
  ports: [4000, 4001, 4002],
  xeroPort: port('SANDBOX_XERO_PORT', 4101),
  navPort: port('SANDBOX_NAV_PORT', 4102),
}).catch((error: unknown) => {
  console.error(`[scale-out] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(3);
});

const hidden = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');
console.log(
  [
    `[scale-out] database ${hidden(databaseUrl)}, Redis ${hidden(redisUrl)}`,
    `[scale-out] Xero sandbox ${cluster.sandboxes.xero.url} (tenant ${cluster.tenantId}), NAV sandbox ${cluster.sandboxes.nav.url}`,
    ...cluster.gateways.map(
      (g) => `[scale-out] ${g.name}: ${g.url} (ready when ${g.url.replace(/graphql$/, 'readyz')} says so)`,
    ),
  ].join('\n'),
);

let exitCode = 0;
const stop = (signal: NodeJS.Signals) => {
  void cluster.stop(signal).then(() => process.exit(exitCode));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const gateway of cluster.gateways) {
  void gateway.exited.then(({ code, signal }) => {
    console.log(`[scale-out] ${gateway.name} ended (${code ?? signal}); stopping the others`);
    if (code !== 0) exitCode = code ?? 1;
    stop('SIGTERM');
  });
}
