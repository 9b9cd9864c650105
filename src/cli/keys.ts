// `ledgerbridge keys`: API keys for the GraphQL API. A key is printed once, when created or
// rotated; the database keeps only its hash, so a lost key is rotated, never recovered.
import type { Command } from 'commander';
import type { ApiKeyRow, ApiKeyStore } from '../store/api-keys.js';
import { roles } from '../auth/roles.js';
import {
  CliError,
  command,
  exitCodes,
  oneOf,
  openStore,
  table,
  timestamp,
  usageError,
  usageExits,
} from './common.js';
import { auditedCli } from './audit.js';

/** Opens the keys; with `audit`, the action leaves an audit entry (the ids it touched, its outcome). */
async function withKeys<T>(
  run: (keys: ApiKeyStore, touched: string[]) => Promise<T>,
  audit?: { operation: string; args: Record<string, unknown> },
): Promise<T> {
  const { loadConfig } = await import('../config/load.js');
  const { ApiKeyStore } = await import('../store/api-keys.js');
  // Migrating here lets a key be created before the gateway's first start.
  const db = await openStore(loadConfig(), { migrate: true });
  try {
    const keys = new ApiKeyStore(db.prisma);
    if (!audit) return await run(keys, []);
    return await auditedCli(db, audit.operation, audit.args, (touched) => run(keys, touched));
  } finally {
    await db.close();
  }
}

async function found(keys: ApiKeyStore, idOrPrefix: string): Promise<ApiKeyRow> {
  const row = await keys.find(idOrPrefix.trim());
  if (!row)
    throw new CliError(`No API key has the id or prefix "${idOrPrefix}" (see \`ledgerbridge keys list\`).`);
  return row;
}

const json = (row: ApiKeyRow) => ({ ...row, status: row.revokedAt ? 'revoked' : 'active' });

async function create(options: { name: string; role: string; json?: boolean }): Promise<number> {
  const name = options.name.trim();
  if (!name) throw usageError('--name: give the key a name saying who or what uses it.');
  const role = oneOf('--role', options.role, roles);
  const { mintApiKey } = await import('../auth/api-keys.js');
  const { key, ...secret } = mintApiKey();
  const row = await withKeys(
    async (keys, touched) => {
      const created = await keys.create({ name, role, ...secret });
      touched.push(created.id);
      return created;
    },
    { operation: 'keys create', args: { name, role } },
  );
  if (options.json) console.log(JSON.stringify({ ...json(row), key }, null, 2));
  else
    console.log(
      `Created API key "${row.name}" (${row.role}), id ${row.id}.\n\n  ${key}\n\n` +
        'It is shown this once: store it now. Send it as "Authorization: Bearer <key>".',
    );
  return exitCodes.ok;
}

async function list(options: { json?: boolean }): Promise<number> {
  const rows = await withKeys((keys) => keys.list());
  if (options.json) console.log(JSON.stringify(rows.map(json), null, 2));
  else if (rows.length === 0)
    console.log('No API keys. Create one with `ledgerbridge keys create --name … --role …`.');
  else
    process.stdout.write(
      table(
        ['ID', 'PREFIX', 'NAME', 'ROLE', 'STATUS', 'CREATED', 'LAST USED'].map((header) => ({ header })),
        rows.map((r) => [
          r.id,
          r.prefix,
          r.name,
          r.role,
          r.revokedAt ? `revoked ${timestamp(r.revokedAt)}` : 'active',
          timestamp(r.createdAt),
          timestamp(r.lastUsedAt),
        ]),
      ),
    );
  return exitCodes.ok;
}

async function revoke(idOrPrefix: string): Promise<number> {
  return withKeys(
    async (keys, touched) => {
      const row = await found(keys, idOrPrefix);
      if (row.revokedAt) throw new CliError(`API key ${row.prefix} (${row.name}) was already revoked.`);
      await keys.revoke(row.id);
      touched.push(row.id);
      console.log(`Revoked API key ${row.prefix} (${row.name}): it no longer works.`);
      return exitCodes.ok;
    },
    { operation: 'keys revoke', args: { idOrPrefix } },
  );
}

async function rotate(idOrPrefix: string, options: { json?: boolean }): Promise<number> {
  const { mintApiKey } = await import('../auth/api-keys.js');
  return withKeys(
    async (keys, touched) => {
      const row = await found(keys, idOrPrefix);
      touched.push(row.id);
      if (row.revokedAt)
        throw new CliError(`API key ${row.prefix} (${row.name}) is revoked; create a new one.`);
      const { key, ...secret } = mintApiKey();
      const rotated = await keys.replaceSecret(row.id, secret);
      if (options.json) console.log(JSON.stringify({ ...json(rotated), key }, null, 2));
      else
        console.log(
          `Rotated API key "${rotated.name}" (${rotated.role}): ${row.prefix}… no longer works.\n\n  ${key}\n\n` +
            'It is shown this once: store it now.',
        );
      return exitCodes.ok;
    },
    { operation: 'keys rotate', args: { idOrPrefix } },
  );
}

export function registerKeys(program: Command): void {
  const keys = usageExits(
    program.command('keys').description('API keys for the GraphQL API (shown once, stored hashed)'),
  );
  keys
    .command('create')
    .description('create a key and print it once')
    .requiredOption('--name <name>', 'who or what uses it')
    .requiredOption('--role <role>', roles.join(' | '))
    .option('--json', 'print JSON')
    .action(command(create));
  keys
    .command('list')
    .description('every key: id, prefix, role, status, last use (never the key)')
    .option('--json', 'print JSON')
    .action(command(list));
  keys.command('revoke <idOrPrefix>').description('stop a key working, at once').action(command(revoke));
  keys
    .command('rotate <idOrPrefix>')
    .description('give a key a new secret (printed once); the old one stops working')
    .option('--json', 'print JSON')
    .action(command(rotate));
}
