// What a newcomer gets from `npm start` with nothing configured: the sandboxes in-process, an
// initial sync, and a first query that returns linked data from both systems.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntilReady } from '../support/gateway.js';

describe('demo mode', () => {
  let child: ChildProcess;
  let url: string;
  let output = '';
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ledgerbridge-demo-'));
    child = spawn(path.resolve('node_modules/.bin/tsx'), [path.resolve('src/cli/index.ts'), 'serve'], {
      env: {
        ...process.env,
        DEMO: 'auto',
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        SANDBOX_XERO_PORT: '0',
        SANDBOX_NAV_PORT: '0',
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
        XERO_CLIENT_ID: '',
        NAV_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (c: Buffer) => {
        output += c.toString();
        const m = /"url":"(http:[^"]+\/graphql)"/.exec(output);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`gateway exited ${code}:\n${output}`)));
    });
    // It serves at once; the README's first query is for a user who waits for "ready".
    await waitUntilReady(url);
  }, 240_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves customers linked to both Xero and NAV on the first query', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ customers(first: 100) { totalCount nodes { number name sync { status sources { system externalId } } } } }',
      }),
    });
    const body = (await response.json()) as {
      data: {
        customers: {
          totalCount: number;
          nodes: { number: string; sync: { status: string; sources: { system: string }[] } }[];
        };
      };
    };
    expect(body.data.customers.totalCount).toBeGreaterThan(10);
    for (const customer of body.data.customers.nodes) {
      expect(customer.sync.sources.map((s) => s.system).sort(), customer.number).toEqual(['NAV', 'XERO']);
    }
    expect(body.data.customers.nodes.filter((c) => c.sync.status === 'SYNCED').length).toBeGreaterThan(0);
    expect(output).toMatch(/demo mode: sandboxes running/);
  });

  it('reports where each system and entity stands', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ syncStatus { system entityType lastSuccessAt lagSeconds lastError pending dead } }',
      }),
    });
    const { data } = (await response.json()) as {
      data: {
        syncStatus: {
          system: string;
          entityType: string;
          lastSuccessAt: string | null;
          lastError: string | null;
          dead: number;
        }[];
      };
    };
    const polled = data.syncStatus
      .filter((s) => s.lastSuccessAt !== null)
      .map((s) => `${s.system}:${s.entityType}`);
    for (const expected of [
      'NAV:CUSTOMER',
      'NAV:VENDOR',
      'NAV:ITEM',
      'XERO:CUSTOMER',
      'XERO:VENDOR',
      'XERO:ITEM',
    ]) {
      expect(polled).toContain(expected);
    }
    expect(data.syncStatus.every((s) => s.lastError === null)).toBe(true);
  });

  it('applies a change made in Xero through its webhook (which the sandbox delivers twice)', async () => {
    const xeroUrl = /Xero sandbox\s+(http:\/\/[^/\s]+)/.exec(output)?.[1];
    expect(xeroUrl, output).toBeTruthy();
    expect(output).toMatch(/the Xero sandbox sends its webhooks here/);
    await fetch(`${xeroUrl}/__sandbox/webhooks/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ duplicate: true }),
    });
    const token = (await (
      await fetch(`${xeroUrl}/connect/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    const tenantId = /tenant ([0-9a-f-]{36})/.exec(output)![1]!;
    const headers = {
      authorization: `Bearer ${token.access_token}`,
      'xero-tenant-id': tenantId,
      accept: 'application/json',
      'content-type': 'application/json',
    };
    const contacts = (await (
      await fetch(`${xeroUrl}/api.xro/2.0/Contacts?where=ContactNumber=="C00010"`, { headers })
    ).json()) as {
      Contacts: { ContactID: string }[];
    };
    const contactId = contacts.Contacts[0]!.ContactID;
    const renamed = await fetch(`${xeroUrl}/api.xro/2.0/Contacts/${contactId}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ Contacts: [{ ContactID: contactId, Name: 'Renamed in Xero plc' }] }),
    });
    expect(renamed.status).toBe(200);

    // The webhook arrives and is applied in the background: wait for the mirror to show it.
    let name = '';
    for (let i = 0; i < 100 && name !== 'Renamed in Xero plc'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ customer(navNumber: "C00010") { name } }' }),
      });
      name = ((await response.json()) as { data: { customer: { name: string } } }).data.customer.name;
    }
    expect(name).toBe('Renamed in Xero plc');
  });

  it('logs no warning on a healthy start, once the background sync has settled', async () => {
    // Settled: every system and entity read at least once, nothing pending.
    for (;;) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ syncStatus { system entityType lastSuccessAt pending } }' }),
      });
      const { data } = (await response.json()) as {
        data: { syncStatus: { entityType: string; lastSuccessAt: string | null; pending: number }[] };
      };
      const read = data.syncStatus.filter((s) => s.lastSuccessAt !== null).map((s) => s.entityType);
      if (read.includes('PAYMENT') && data.syncStatus.every((s) => s.pending === 0)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(output).toMatch(/ready: initial sync done in \d+(\.\d)?s/);
    // WARN (pino level 40) means a person should look. Two are meant for a newcomer: the API has
    // no authentication, and a SECRET_KEY was generated into DATA_DIR.
    const intended = /NO AUTHENTICATION CONFIGURED|SECRET_KEY is not set/;
    const warnings = output.split('\n').filter((line) => line.includes('"level":40') && !intended.test(line));
    expect(warnings).toEqual([]);
  }, 240_000);
});
