// The gateway's word to the CLI on the same machine. A gateway on an embedded database holds its
// data folder (store/data-dir-lock.ts), so the CLI cannot open it beside it: at each start the
// gateway mints an admin API key named `local-cli` (revoking the previous start's), writes it to
// DATA_DIR/local-cli.key readable by its user only, and then adds its URL to the lock file. The CLI
// reads both and acts through the GraphQL API (cli/gateway-client.ts).
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApiKeyStore } from '../store/api-keys.js';
import type { Database } from '../store/database.js';
import { mintApiKey } from './api-keys.js';

export const localCredentialFile = 'local-cli.key';
export const localKeyName = 'local-cli';

/** Replaces the `local-cli` key and writes it, mode 0600, to DATA_DIR/local-cli.key. */
export async function writeLocalCredential(db: Database, dataDir: string): Promise<string> {
  const keys = new ApiKeyStore(db.prisma);
  for (const row of await keys.list())
    if (row.name === localKeyName && !row.revokedAt) await keys.revoke(row.id);
  const { key, ...secret } = mintApiKey();
  await keys.create({ name: localKeyName, role: 'admin', ...secret });
  const file = path.join(dataDir, localCredentialFile);
  // A new file each time (mode applies only on creation), swapped in whole.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, key + '\n', { mode: 0o600 });
  await rename(temporary, file);
  return file;
}

/**
 * After the gateway listens: on an embedded database, the credential first, then the URL in the
 * lock file (a CLI that sees the URL finds the credential ready). Nothing on PostgreSQL, where
 * several gateways may share the database and the CLI is pointed at one with --gateway.
 */
export async function announceLocalGateway(db: Database, dataDir: string, url: string): Promise<void> {
  if (!db.lock) return;
  await writeLocalCredential(db, path.resolve(dataDir));
  await db.lock.announce(url.replace('//localhost:', '//127.0.0.1:'));
}
