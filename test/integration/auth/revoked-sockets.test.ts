// A WebSocket opened with an API key is closed (4403) when that key is revoked or rotated: at once
// when this process did it, and at the next periodic check (KEY_RECHECK_INTERVAL_MS) when the
// database was changed elsewhere (the CLI, another gateway process). Other callers stay connected.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../../src/auth/api-keys.js';
import { ApiKeyStore } from '../../../src/store/api-keys.js';
import { databaseTargets } from '../../support/databases.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

const [pglite] = await databaseTargets();
const subscription = 'subscription { entityChanged { seq } }';

/** A subscription held open; `ended` resolves with the close code (or "error …") when it ends. */
async function hold(client: Client): Promise<{ ended: Promise<string> }> {
  // The client connects lazily, on its first subscription; resolve once the server accepted it.
  const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const ended = new Promise<string>((resolve) => {
    client.subscribe(
      { query: subscription },
      {
        next: (value) => resolve(`error ${String(value.errors?.[0]?.extensions?.code)}`),
        error: (error: unknown) => resolve(`closed ${String((error as { code?: number }).code)}`),
        complete: () => resolve('complete'),
      },
    );
  });
  await connected;
  return { ended };
}

/** "open" unless `ended` settles within `ms`. */
const stillOpen = (ended: Promise<string>, ms: number) =>
  Promise.race([ended, new Promise<string>((resolve) => setTimeout(() => resolve('open'), ms))]);

describe('sockets of revoked or rotated keys', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  let store: ApiKeyStore;
  /** Reacts only to this process's own revocations (no periodic check). */
  let eventsOnly: TestGateway;
  /** Checks the open sockets' keys every 200 ms. */
  let rechecking: TestGateway;
  const newKey = async () => {
    const { key, ...secret } = mintApiKey();
    const row = await store.create({ name: `ws ${Math.random()}`, role: 'viewer', ...secret });
    return { id: row.id, authorization: `Bearer ${key}` };
  };

  beforeAll(async () => {
    db = await pglite!.open();
    store = new ApiKeyStore(db.prisma);
    eventsOnly = await startTestGateway(db, {}, { AUTH_MODE: 'required', KEY_RECHECK_INTERVAL_MS: '0' });
    rechecking = await startTestGateway(db, {}, { AUTH_MODE: 'required', KEY_RECHECK_INTERVAL_MS: '200' });
  });
  afterAll(async () => {
    await eventsOnly?.close();
    await rechecking?.close();
    await db?.dispose();
  });

  it('revoked in this process: its socket closes 4403 at once; another key’s socket stays open', async () => {
    const doomed = await newKey();
    const other = await newKey();
    const open = await hold(eventsOnly.wsClient({ authorization: doomed.authorization }));
    const kept = await hold(eventsOnly.wsClient({ authorization: other.authorization }));
    await store.revoke(doomed.id);
    expect(await open.ended).toBe('closed 4403');
    expect(await stillOpen(kept.ended, 500)).toBe('open');
  });

  it('rotated in this process: the socket opened with the old secret closes 4403', async () => {
    const key = await newKey();
    const open = await hold(eventsOnly.wsClient({ authorization: key.authorization }));
    const { key: _fresh, ...secret } = mintApiKey();
    await store.replaceSecret(key.id, secret);
    expect(await open.ended).toBe('closed 4403');
  });

  it('revoked elsewhere (the database changed, no event here): closed by the periodic check', async () => {
    const key = await newKey();
    const open = await hold(rechecking.wsClient({ authorization: key.authorization }));
    const unwatched = await hold(eventsOnly.wsClient({ authorization: key.authorization }));
    await db.prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    expect(await open.ended).toBe('closed 4403');
    // The gateway that does not check periodically has not noticed: that is what the check is for.
    expect(await stillOpen(unwatched.ended, 500)).toBe('open');
  });
});
