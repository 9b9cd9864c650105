// `ledgerbridge connect xero`: connects a Xero organisation and stores its tokens, sealed, in the
// database. Authorisation code: prints the consent URL, captures the callback on a local port and
// exchanges the code. Custom Connection (--custom-connection): a client-credentials grant.
// The client secret is read from XERO_CLIENT_SECRET (never a flag: flags show in process lists).
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Command } from 'commander';

interface ConnectXeroOptions {
  connection: string;
  clientId?: string;
  scopes: string;
  port: string;
  redirectUri?: string;
  customConnection?: boolean;
  identityUrl?: string;
}

export function registerConnectXero(program: Command): void {
  const connect =
    program.commands.find((c) => c.name() === 'connect') ??
    program.command('connect').description('connect an accounting system and store its credentials');
  connect
    .command('xero')
    .description('authorise a Xero organisation (or a Custom Connection) and store its tokens encrypted')
    .option('--connection <name>', 'name of the stored connection', 'default')
    .option('--client-id <id>', 'Xero app client id (default: XERO_CLIENT_ID)')
    .option('--scopes <set>', 'granular (apps created since March 2026) or broad (older apps)', 'granular')
    .option('--port <port>', 'local port that receives the OAuth callback', '5999')
    .option(
      '--redirect-uri <uri>',
      'redirect URI registered for the app (default http://localhost:<port>/callback)',
    )
    .option('--custom-connection', 'use a Custom Connection (client credentials) instead of consent')
    .option('--identity-url <url>', "identity service base URL (default Xero's; e.g. a sandbox URL)")
    .action(async (options: ConnectXeroOptions) => {
      await connectXero(options);
    });
}

async function connectXero(options: ConnectXeroOptions): Promise<void> {
  const { loadConfig } = await import('../config/load.js');
  const { createLogger } = await import('../ops/logger.js');
  const { openDatabase } = await import('../store/database.js');
  const { CredentialStore } = await import('../store/credential-store.js');
  const { SecretBox, resolveSecretKey } = await import('../store/secret-box.js');
  const auth = await import('../systems/xero/auth.js');

  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const clientId = options.clientId ?? process.env.XERO_CLIENT_ID;
  const clientSecret = process.env.XERO_CLIENT_SECRET;
  if (!clientId || !clientSecret)
    throw new Error('set XERO_CLIENT_ID (or --client-id) and XERO_CLIENT_SECRET');
  if (options.scopes !== 'granular' && options.scopes !== 'broad')
    throw new Error('--scopes must be granular or broad');
  const scopeSet: 'granular' | 'broad' = options.scopes;

  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await db.migrate();
    const key = await resolveSecretKey({
      secretKey: config.SECRET_KEY,
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      log,
    });
    const store = new CredentialStore(db.prisma, new SecretBox(key));
    const identity = new auth.XeroIdentityClient({
      clientId,
      clientSecret,
      endpoints: options.identityUrl ? auth.identityEndpointsAt(options.identityUrl) : undefined,
    });
    let tenants: { tenantId: string; tenantName: string | null }[];
    if (options.customConnection) {
      ({ tenants } = await auth.connectCustomConnection({ identity, store, connection: options.connection }));
    } else {
      const port = Number(options.port);
      const redirectUri = options.redirectUri ?? `http://localhost:${port}/callback`;
      const state = randomBytes(16).toString('hex');
      const code = await captureCallback(port, new URL(redirectUri).pathname, state, () => {
        console.log('Open this URL in a browser and approve access:\n');
        console.log(identity.consentUrl({ redirectUri, scopes: auth.consentScopes(scopeSet), state }));
        console.log(`\nWaiting for Xero to redirect to ${redirectUri} …`);
      });
      ({ tenants } = await auth.completeAuthorization({
        identity,
        store,
        connection: options.connection,
        code,
        redirectUri,
      }));
    }
    console.log(`Stored Xero connection "${options.connection}" (tokens encrypted). Tenants it reaches:`);
    for (const t of tenants) console.log(`  ${t.tenantId}  ${t.tenantName ?? ''}`);
    console.log('Configure one connector per tenant id; none is chosen for you.');
  } finally {
    await db.close();
  }
}

/** Serves the redirect URI once and resolves with the authorisation code. */
function captureCallback(port: number, pathname: string, state: string, ready: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let server: Server | undefined = undefined;
    const finish = (error: Error | null, code?: string) => {
      server?.close();
      server?.closeAllConnections();
      if (error) reject(error);
      else resolve(code ?? '');
    };
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', `http://localhost:${port}`);
      if (url.pathname !== pathname) {
        res.writeHead(404).end();
        return;
      }
      const code = url.searchParams.get('code');
      if (url.searchParams.get('state') !== state || !code) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('Authorisation failed or was refused.');
        finish(new Error(`Xero did not authorise (${url.searchParams.get('error') ?? 'state mismatch'})`));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('Connected. You can close this window.');
      finish(null, code);
    });
    server.on('error', reject);
    server.listen(port, '127.0.0.1', ready);
  });
}
