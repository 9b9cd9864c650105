// Item writes against the Xero sandbox over real HTTP: POST /Items in batches with per-element
// results, Xero's length limits refused per record, updates by ItemID with version checks, and the
// Code look-up after an unknown outcome. Every body sent is checked against Xero's spec.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ItemDraft } from '../../../../src/systems/system.js';
import type { XeroConnector } from '../../../../src/systems/xero/index.js';
import { Decimal } from '../../../../src/domain/money.js';
import { collect, startEnv, type Env } from './support.js';
import {
  recordedConnector,
  spec,
  specProblems,
  startRecorder,
  type Recorded,
  type Recorder,
} from './wire-recorder.js';

describe('Xero connector: item writes', () => {
  let env: Env;
  let recorder: Recorder;
  let connector: XeroConnector;
  let salesAccount: string;
  let purchaseAccount: string;
  const allWrites: Recorded[] = [];

  const item = (number: string, extra: Partial<ItemDraft> = {}): ItemDraft => ({
    number,
    name: `Item ${number}`,
    description: `Description of ${number}`,
    type: 'NON_INVENTORY',
    unitOfMeasure: null,
    unitPrice: new Decimal('19.9950'),
    unitCost: new Decimal('8.5'),
    salesAccountCode: salesAccount,
    purchaseAccountCode: purchaseAccount,
    taxCode: 'OUTPUT2',
    blocked: false,
    ...extra,
  });

  beforeAll(async () => {
    env = await startEnv();
    recorder = await startRecorder(env.sandbox.url);
    connector = recordedConnector(env, recorder);
    salesAccount =
      env.company.accounts.find((a) => a.accountClass === 'REVENUE' && a.xeroCode)?.xeroCode ?? '200';
    purchaseAccount =
      env.company.accounts.find((a) => a.accountClass === 'EXPENSE' && a.xeroCode)?.xeroCode ?? '300';
  });
  afterAll(async () => {
    await recorder?.close();
    await env?.close();
  });
  beforeEach(async () => {
    allWrites.push(...recorder.writes());
    recorder.clear();
    await env.admin('DELETE', '/faults');
    await env.resetCalls();
  });

  it('creates items in one POST /Items; over-long codes and names and bad accounts fail alone', async () => {
    const results = await connector.writeMany('item', [
      { idempotencyKey: 'it-1', data: item('ITM-1000') },
      { idempotencyKey: 'it-2', data: item('ITM-2000', { name: 'N'.repeat(51) }) },
      { idempotencyKey: 'it-3', data: item('C'.repeat(31)) },
      { idempotencyKey: 'it-4', data: item('ITM-4000', { salesAccountCode: '9999' }) },
      { idempotencyKey: 'it-5', data: item('ITM-5000', { unitPrice: new Decimal('1.23456') }) },
      {
        idempotencyKey: 'it-6',
        data: item('ITM-6000', { name: 'N'.repeat(50), unitPrice: null, unitCost: null }),
      },
    ]);
    expect(await env.calls()).toEqual({ 'POST /Items': 1 });
    const sent = recorder.writes()[0];
    expect(sent?.path).toContain('summarizeErrors=false');
    expect(sent?.path).toContain('unitdp=4');
    expect((sent?.body as { Items: { Code: string }[] }).Items.map((i) => i.Code)).toEqual([
      'ITM-1000',
      'ITM-4000',
      'ITM-6000',
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual([
      'ok',
      'validation',
      'validation',
      'validation',
      'validation',
      'ok',
    ]);
    if (!results[1]?.ok) expect(results[1]?.error.message).toMatch(/at most 50/);
    if (!results[2]?.ok) expect(results[2]?.error.message).toMatch(/at most 30/);
    if (!results[3]?.ok) expect(results[3]?.error.message).toMatch(/9999/);
    if (!results[4]?.ok) expect(results[4]?.error.details.fieldErrors?.[0]?.field).toBe('unitPrice');
    const first = results[0];
    if (!first?.ok) throw new Error('item not created');
    expect(first.created).toBe(true);
    expect(first.record.externalNumber).toBe('ITM-1000');
    expect(first.record.data).toMatchObject({
      number: 'ITM-1000',
      name: 'Item ITM-1000',
      description: 'Description of ITM-1000',
      salesAccountCode: salesAccount,
      purchaseAccountCode: purchaseAccount,
      taxCode: 'OUTPUT2',
    });
    expect(first.record.data.unitPrice?.toFixed(4)).toBe('19.9950');
    expect(first.record.data.unitCost?.toFixed(4)).toBe('8.5000');
  });

  it('reads a 4-decimal item price back as written (GET /Items asks for unitdp=4 too)', async () => {
    const [written] = await connector.writeMany('item', [
      { idempotencyKey: 'it-dp-1', data: item('ITM-DP4', { unitPrice: new Decimal('12.3456') }) },
    ]);
    if (!written?.ok) throw new Error(`not written: ${JSON.stringify(written)}`);
    const { records } = await collect(connector.list('item'));
    const read = records.find((r) => r.externalNumber === 'ITM-DP4');
    expect(read?.data.unitPrice?.toFixed(4)).toBe('12.3456');
    expect(read?.version).toBe(written.record.version);
  });

  it('updates an item by its ItemID; a stale version is a conflict', async () => {
    const [created] = await connector.writeMany('item', [{ idempotencyKey: 'up-1', data: item('ITM-UP') }]);
    if (!created?.ok) throw new Error('item not created');
    await env.resetCalls();
    const [updated] = await connector.writeMany('item', [
      {
        externalId: created.record.externalId,
        version: created.record.version,
        idempotencyKey: 'up-2',
        data: { ...created.record.data, name: 'Renamed item', unitPrice: new Decimal('25') },
      },
    ]);
    expect(updated?.ok).toBe(true);
    if (!updated?.ok) return;
    expect(updated.created).toBe(false);
    expect(updated.record.externalId).toBe(created.record.externalId);
    expect(updated.record.data.name).toBe('Renamed item');
    expect(updated.record.data.unitPrice?.toFixed(2)).toBe('25.00');
    // One read of the items for the version check, one write.
    expect(await env.calls()).toEqual({ 'GET /Items': 1, 'POST /Items': 1 });
    expect((recorder.writes().at(-1)?.body as { Items: { ItemID?: string }[] }).Items[0]?.ItemID).toBe(
      created.record.externalId,
    );

    const [stale] = await connector.writeMany('item', [
      {
        externalId: created.record.externalId,
        version: created.record.version,
        idempotencyKey: 'up-3',
        data: created.record.data,
      },
    ]);
    expect(stale?.ok === false && stale.error.kind).toBe('conflict');

    const all = await collect(env.connector().list('item'));
    expect(all.records.filter((r) => r.externalNumber === 'ITM-UP')).toHaveLength(1);
  });

  it('after an unknown outcome, an item is found by its Code instead of being sent again', async () => {
    const draft = item('ITM-UNSURE');
    const [first] = await connector.writeMany('item', [{ idempotencyKey: 'un-1', data: draft }]);
    if (!first?.ok) throw new Error('item not created');
    await env.resetCalls();
    const [retry] = await recordedConnector(env, recorder).writeMany('item', [
      { idempotencyKey: 'un-1:retry', data: draft, outcomeUnknown: true },
    ]);
    expect(retry?.ok && retry.record.externalId).toBe(first.record.externalId);
    expect(await env.calls()).toEqual({ 'GET /Items': 1 });

    // A dropped answer on a committed POST: found by Code, nothing sent twice.
    await env.admin('POST', '/faults', {
      kind: 'drop-after-commit',
      method: 'POST',
      path: '/Items',
      count: 1,
    });
    await env.resetCalls();
    const [dropped] = await connector.writeMany('item', [{ idempotencyKey: 'un-2', data: item('ITM-DROP') }]);
    expect(dropped?.ok).toBe(true);
    expect(await env.calls()).toEqual({ 'POST /Items': 1, 'GET /Items': 1 });
    const all = await collect(env.connector().list('item'));
    expect(all.records.filter((r) => r.externalNumber === 'ITM-DROP')).toHaveLength(1);
  });

  it.skipIf(!spec)(
    "sends only what Xero's OpenAPI spec declares, with an Idempotency-Key on every write",
    () => {
      allWrites.push(...recorder.writes());
      recorder.clear();
      expect(new Set(allWrites.map((w) => `${w.method} ${w.path.split('?')[0]}`))).toEqual(
        new Set(['POST /Items']),
      );
      expect(specProblems(allWrites)).toEqual([]);
    },
  );
});
