#!/usr/bin/env node
// The `ledgerbridge` command.
import 'reflect-metadata';
import { Command } from 'commander';
import { loadConfig, ConfigError } from '../config/load.js';
import { createLogger } from '../ops/logger.js';

const program = new Command()
  .name('ledgerbridge')
  .description('One GraphQL API over Xero and Microsoft Dynamics NAV / Business Central.');

/** Runs a command; configuration problems print their one message and exit 2. */
function action<A extends unknown[]>(run: (...args: A) => Promise<void>) {
  return async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      if (error instanceof ConfigError || (error as Error)?.name === 'DataDirLocked') {
        console.error((error as Error).message);
        process.exit(error instanceof ConfigError ? 2 : 3);
      }
      throw error;
    }
  };
}

program
  .command('serve', { isDefault: true })
  .description('migrate the database and serve the GraphQL API')
  .action(
    action(async () => {
      const config = loadConfig();
      const { productionAuthProblem } = await import('../auth/mode.js');
      const refusal = productionAuthProblem(config);
      if (refusal) {
        console.error(refusal);
        process.exit(2);
      }
      const log = createLogger(config.LOG_LEVEL);
      const { startGateway, StartupAborted } = await import('../app.js');
      // Signals are handled from the start: during start-up they stop it cleanly too.
      const starting = new AbortController();
      const stopServing = (gateway: Awaited<ReturnType<typeof startGateway>>) => {
        log.info('shutting down: finishing in-flight requests');
        gateway.stop().then(
          () => {
            log.info('stopped cleanly');
            process.exit(0);
          },
          (error: unknown) => {
            log.error({ err: error }, 'unclean shutdown');
            process.exit(1);
          },
        );
      };
      let gateway: Awaited<ReturnType<typeof startGateway>> | undefined;
      const shutdown = (signal: string) => {
        if (starting.signal.aborted) return;
        log.info({ signal }, 'signal received');
        starting.abort();
        if (gateway) stopServing(gateway);
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
      try {
        gateway = await startGateway(config, log, { signal: starting.signal });
      } catch (error) {
        if (!(error instanceof StartupAborted)) throw error;
        log.info('stopped cleanly during start-up');
        process.exit(0);
      }
      // A signal that came in the last steps of start-up, after it could still be cut short.
      if (starting.signal.aborted) stopServing(gateway);
    }),
  );

program
  .command('migrate')
  .description('apply pending migrations from prisma/migrations')
  .action(
    action(async () => {
      const config = loadConfig();
      const { openDatabase } = await import('../store/database.js');
      const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
      try {
        const applied = await db.migrate();
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database schema is up to date.');
      } finally {
        await db.close();
      }
    }),
  );

program
  .command('migration <name>')
  .description('write a new migration from the difference between prisma/schema.prisma and the migrations')
  .action(
    action(async (name: string) => {
      const { createMigration } = await import('../store/migrations.js');
      const folder = await createMigration(name);
      console.log(folder ? `Wrote ${folder}/migration.sql` : 'No schema changes; no migration written.');
    }),
  );

program
  .command('sandbox')
  .description('run the Xero and NAV/BC sandboxes with demo data (ports 4101 and 4102)')
  .option('--xero-port <port>', 'Xero sandbox port', '4101')
  .option('--nav-port <port>', 'NAV/BC sandbox port', '4102')
  .option('--host <host>', 'interface to listen on', '127.0.0.1')
  .option('--seed <seed>', 'demo data seed', '2026')
  .option('--customers <n>', 'number of demo customers')
  .option('--invoices <n>', 'number of demo sales invoices')
  .action(
    action(async (options: Record<string, string | undefined>) => {
      const { startSandboxes } = await import('@ledgerbridge/sandbox');
      const sandboxes = await startSandboxes({
        host: options.host ?? '127.0.0.1',
        xeroPort: Number(options.xeroPort),
        navPort: Number(options.navPort),
        demo: {
          seed: Number(options.seed),
          ...(options.customers ? { customers: Number(options.customers) } : {}),
          ...(options.invoices ? { salesInvoices: Number(options.invoices) } : {}),
        },
      });
      console.log(sandboxes.describe());
      const stop = () => {
        void sandboxes.close().then(() => process.exit(0));
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    }),
  );

program
  .command('schema')
  .description('print the GraphQL SDL (schema/schema.graphql is this output)')
  .action(
    action(async () => {
      const { printSchemaSdl } = await import('../graphql/schema.js');
      process.stdout.write(await printSchemaSdl());
    }),
  );

(await import('./connect-xero.js')).registerConnectXero(program);
(await import('./dlq.js')).registerDlq(program);
(await import('./sync.js')).registerSync(program);
(await import('./reconcile.js')).registerReconcile(program);
(await import('./keys.js')).registerKeys(program);

await program.parseAsync();
