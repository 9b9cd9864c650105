// NTLM (Windows authentication) end to end: the connector's NtlmAuth (axios-ntlm) against a NAV
// sandbox that requires a real type-1/2/3 handshake on a keep-alive connection and verifies the
// NTLMv2 response against the configured password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../../src/systems/errors.js';
import { BasicAuth, NtlmAuth, NavConnector } from '../../../../src/systems/nav/index.js';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import { startNavSandbox, type RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import { callCount, connectorOptions, sandboxAdmin } from './harness.js';

let sandbox: RunningNavSandbox;
const opened: NtlmAuth[] = [];
beforeAll(async () => {
  sandbox = await startNavSandbox({
    port: 0,
    company: generateDemoCompany({}),
    windowsAuthentication: ['nav'],
    credentials: { windowsUsers: [{ domain: 'CRONUS', name: 'LB-SYNC', password: 'Tr0ub4dor&3' }] },
  });
});
afterAll(async () => {
  for (const auth of opened) auth.close();
  await sandbox.close();
});

function ntlm(password: string, maxConnections?: number): NtlmAuth {
  const auth = new NtlmAuth({
    user: 'lb-sync',
    password,
    domain: 'CRONUS',
    workstation: 'LEDGERBRIDGE',
    maxConnections,
  });
  opened.push(auth);
  return auth;
}

async function caught(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ConnectorError) return err;
    throw err;
  }
  throw new Error('expected a ConnectorError');
}

describe('NTLM against a NAV server on Windows authentication', () => {
  it('handshakes once per connection, then reads and writes through it', async () => {
    await sandboxAdmin.resetCalls(sandbox);
    const c = await NavConnector.connect(
      connectorOptions(sandbox, 'nav-odata-v4', { auth: ntlm('Tr0ub4dor&3', 1) }),
    );
    // $metadata: no credentials → 401 Negotiate/NTLM, type-1 → 401 with the challenge, type-3 → 200.
    expect(await callCount(sandbox, 'GET NAV $metadata')).toBe(3);
    await sandboxAdmin.resetCalls(sandbox);
    const customers = [];
    for await (const page of c.list('customer')) customers.push(...page.records);
    expect(customers.length).toBeGreaterThan(5);
    const one = customers[0]!;
    const again = await c.getMany('customer', [one.externalId]);
    expect(again.get(one.externalId)?.data.name).toBe(one.data.name);
    // The connection stayed authenticated: one request each, no new handshake.
    expect(await callCount(sandbox)).toBe(2);
    const [updated] = await c.writeMany('customer', [
      {
        externalId: one.externalId,
        version: one.version,
        data: { ...one.data, name: 'Renamed over NTLM' },
        idempotencyKey: 'ntlm-1',
      },
    ]);
    expect(updated?.ok && updated.record.data.name).toBe('Renamed over NTLM');
  });

  it('keeps concurrent requests on separate authenticated connections', async () => {
    const c = await NavConnector.connect(
      connectorOptions(sandbox, 'nav-odata-v4', { auth: ntlm('Tr0ub4dor&3') }),
    );
    const results = await Promise.all(
      ['customer', 'vendor', 'item', 'customer', 'vendor', 'item', 'ledgerEntry'].map(async (entity) => {
        let n = 0;
        for await (const page of c.list(entity as 'customer')) n += page.records.length;
        return n;
      }),
    );
    expect(results.every((n) => n > 0)).toBe(true);
  });

  it('a wrong password is an auth ConnectorError that names no secret', async () => {
    const err = await caught(
      NavConnector.connect(connectorOptions(sandbox, 'nav-odata-v4', { auth: ntlm('wrong-password') })),
    );
    expect(err.kind).toBe('auth');
    expect(err.details.status).toBe(401);
    expect(err.retryable).toBe(false);
    expect(JSON.stringify({ message: err.message, details: err.details })).not.toContain('wrong-password');
  });

  it('Basic credentials are refused where Windows authentication is required', async () => {
    const err = await caught(
      NavConnector.connect(
        connectorOptions(sandbox, 'nav-odata-v4', { auth: new BasicAuth('ADMIN', 'sandbox') }),
      ),
    );
    expect(err.kind).toBe('auth');
  });

  it('a dropped connection mid-session is re-authenticated on the next request', async () => {
    const c = await NavConnector.connect(
      connectorOptions(sandbox, 'nav-odata-v4', { auth: ntlm('Tr0ub4dor&3', 1) }),
    );
    await sandboxAdmin.fault(sandbox, { kind: 'timeout', method: 'GET', path: 'Vendor', ms: 0, count: 1 });
    let n = 0;
    for await (const page of c.list('vendor')) n += page.records.length;
    expect(n).toBeGreaterThan(0);
    await sandboxAdmin.clearFaults(sandbox);
  });
});
