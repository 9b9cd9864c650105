// `ledgerbridge connect xero` as a user runs it, against the Xero sandbox: the consent flow with
// its local callback, and a Custom Connection; tokens end up in the database sealed.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import { startXeroSandbox, type RunningXeroSandbox } from '@ledgerbridge/sandbox/xero/index.js';
import { openDatabase } from '../../src/store/database.js';

const secretKey = Buffer.alloc(32, 9).toString('base64');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function runCli(args: string[], dataDir: string, onStdout?: (text: string) => void) {
  const child = spawn(
    path.resolve('node_modules/.bin/tsx'),
    [path.resolve('src/cli/index.ts'), 'connect', 'xero', ...args],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        SECRET_KEY: secretKey,
        XERO_CLIENT_ID: 'sandbox',
        XERO_CLIENT_SECRET: 'sandbox',
        LOG_LEVEL: 'silent',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    onStdout?.(out);
  });
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, out })),
  );
}

async function storedConnections(dataDir: string) {
  const db = await openDatabase({ dataDir });
  try {
    return await db.prisma.connectorCredential.findMany();
  } finally {
    await db.close();
  }
}

describe('ledgerbridge connect xero', () => {
  let sandbox: RunningXeroSandbox;
  let dataDir: string;

  beforeAll(async () => {
    sandbox = await startXeroSandbox({
      port: 0,
      companies: [generateDemoCompany({ customers: 5, salesInvoices: 2 })],
    });
    dataDir = await mkdtemp(path.join(tmpdir(), 'lb-connect-'));
  });

  afterAll(async () => {
    await sandbox?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores a Custom Connection and lists the tenants it reaches', async () => {
    const { code, out } = await runCli(
      ['--custom-connection', '--identity-url', sandbox.url, '--connection', 'cc'],
      dataDir,
    );
    expect(code, out).toBe(0);
    expect(out).toContain(sandbox.tenants[0]!.tenantId);
    const [row] = (await storedConnections(dataDir)).filter((r) => r.name === 'cc');
    expect(row).toMatchObject({ system: 'XERO', grantType: 'client_credentials' });
    expect(row!.sealedTokens).not.toMatch(/eyJ/); // the token is sealed, not stored as is
  });

  it('runs the consent flow: prints the URL, captures the callback, stores the tokens', async () => {
    const port = await freePort();
    let visited = false;
    const result = runCli(
      [
        '--identity-url',
        sandbox.url,
        '--connection',
        'consent',
        '--port',
        String(port),
        '--redirect-uri',
        `http://127.0.0.1:${port}/callback`,
      ],
      dataDir,
      (out) => {
        const consent = /(http:\/\/127\.0\.0\.1:\d+\/connect\/authorize\S+)/.exec(out)?.[1];
        if (!consent || visited) return;
        visited = true;
        // The browser: consent at the identity service, then follow its redirect to the callback.
        void fetch(consent, { redirect: 'manual' }).then(async (response) => {
          const location = response.headers.get('location');
          if (location) await fetch(location);
        });
      },
    );
    const { code, out } = await result;
    expect(code, out).toBe(0);
    expect(out).toContain(sandbox.tenants[0]!.tenantId);
    const [row] = (await storedConnections(dataDir)).filter((r) => r.name === 'consent');
    expect(row).toMatchObject({ system: 'XERO', grantType: 'authorization_code' });
  });
});
