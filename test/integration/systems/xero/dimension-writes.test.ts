// Dimension writes (Xero tracking categories and options) against the Xero sandbox over real HTTP:
// create, archive, options added / renamed / archived, a re-run that sends nothing, Xero's limits
// (2 active categories, 4 in all, 100 options) refused before any call, and a dropped answer that
// creates nothing twice. Every body sent is checked against Xero's spec.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DimensionDraft, RemoteRecord, WriteRequest } from '../../../../src/systems/system.js';
import type { XeroConnector } from '../../../../src/systems/xero/index.js';
import { collect, startEnv, type Env } from './support.js';
import {
  recordedConnector,
  spec,
  specProblems,
  startRecorder,
  type Recorded,
  type Recorder,
} from './wire-recorder.js';

const value = (code: string, extra: { blocked?: boolean; externalId?: string } = {}) => ({
  code,
  name: code,
  blocked: extra.blocked ?? false,
  ...(extra.externalId ? { externalId: extra.externalId } : {}),
});

describe('Xero connector: dimension writes (tracking categories)', () => {
  let env: Env;
  let recorder: Recorder;
  let connector: XeroConnector;
  const allWrites: Recorded[] = [];

  async function categories(): Promise<RemoteRecord<'dimension'>[]> {
    return (await collect(env.connector().list('dimension'))).records;
  }
  async function category(name: string): Promise<RemoteRecord<'dimension'>> {
    const found = (await categories()).find((c) => c.data.code === name);
    if (!found) throw new Error(`no tracking category ${name}`);
    return found;
  }

  beforeAll(async () => {
    env = await startEnv();
    recorder = await startRecorder(env.sandbox.url);
    connector = recordedConnector(env, recorder);
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

  it('refuses a third active category before any call, naming the limit', async () => {
    expect((await categories()).filter((c) => c.active)).toHaveLength(2);
    await env.resetCalls();
    const [result] = await connector.writeMany('dimension', [
      {
        idempotencyKey: 'dim-proj-0',
        data: { code: 'Project', name: 'Project', blocked: false, values: [value('P1')] },
      },
    ]);
    expect(result?.ok).toBe(false);
    if (result?.ok !== false) return;
    expect(result.error.kind).toBe('validation');
    expect(result.error.details.code).toBe('TrackingCategoryLimit');
    expect(result.error.message).toMatch(/at most 2 active tracking categories/);
    expect(await env.calls()).toEqual({ 'GET /TrackingCategories': 1 });
  });

  it('archives a category and creates another with its options; running the same drafts again sends nothing', async () => {
    const area = await category('Area');
    await env.resetCalls();
    const drafts: WriteRequest<'dimension'>[] = [
      {
        externalId: area.externalId,
        idempotencyKey: 'dim-area-archive',
        data: { ...area.data, blocked: true },
      },
      {
        idempotencyKey: 'dim-proj-1',
        data: { code: 'Project', name: 'Project', blocked: false, values: [value('P1'), value('P2')] },
      },
    ];
    const [archived, created] = await connector.writeMany('dimension', drafts);
    expect(await env.calls()).toEqual({
      'GET /TrackingCategories': 1,
      'POST /TrackingCategories/{id}': 1,
      'PUT /TrackingCategories': 1,
      'PUT /TrackingCategories/{id}/Options': 2,
    });
    expect(archived?.ok && archived.record.active).toBe(false);
    expect(archived?.ok && archived.record.data.blocked).toBe(true);
    expect(created?.ok).toBe(true);
    if (!created?.ok) return;
    expect(created.created).toBe(true);
    expect(created.record.active).toBe(true);
    expect(created.record.data.values.map((v) => [v.code, v.blocked, Boolean(v.externalId)])).toEqual([
      ['P1', false, true],
      ['P2', false, true],
    ]);

    await env.resetCalls();
    const again = await connector.writeMany('dimension', drafts);
    expect(await env.calls()).toEqual({ 'GET /TrackingCategories': 1 });
    expect(again.map((r) => r.ok && r.created)).toEqual([false, false]);
    expect(again[1]?.ok && again[1].record.externalId).toBe(created.record.externalId);
    expect((await categories()).filter((c) => c.data.code === 'Project')).toHaveLength(1);
  });

  it('adds, renames (by id) and archives options, each once', async () => {
    const project = await category('Project');
    const p1 = project.data.values.find((v) => v.code === 'P1');
    const draft: DimensionDraft = {
      ...project.data,
      values: [
        value('P1 North', { externalId: p1?.externalId as string }),
        value('P2', { blocked: true }),
        value('P3'),
      ],
    };
    await env.resetCalls();
    const [result] = await connector.writeMany('dimension', [
      { externalId: project.externalId, idempotencyKey: 'dim-proj-2', data: draft },
    ]);
    expect(await env.calls()).toEqual({
      'GET /TrackingCategories': 1,
      'PUT /TrackingCategories/{id}/Options': 1,
      'POST /TrackingCategories/{id}/Options/{id}': 2,
    });
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    expect(result.record.data.values.map((v) => [v.code, v.blocked])).toEqual([
      ['P1 North', false],
      ['P2', true],
      ['P3', false],
    ]);
    expect(result.record.data.values[0]?.externalId).toBe(p1?.externalId);
    const read = await category('Project');
    expect(read.data.values.map((v) => v.code)).toEqual(['P1 North', 'P2', 'P3']);

    await env.resetCalls();
    await connector.writeMany('dimension', [
      { externalId: project.externalId, idempotencyKey: 'dim-proj-2', data: draft },
    ]);
    expect(await env.calls()).toEqual({ 'GET /TrackingCategories': 1 });
  });

  it('refuses more than 100 options per category before any call, naming the limit', async () => {
    const project = await category('Project');
    await env.resetCalls();
    const values = Array.from({ length: 98 }, (_, i) => value(`X${i}`));
    const [result] = await connector.writeMany('dimension', [
      {
        externalId: project.externalId,
        idempotencyKey: 'dim-proj-many',
        data: { ...project.data, values: [...project.data.values, ...values] },
      },
    ]);
    expect(result?.ok).toBe(false);
    if (result?.ok !== false) return;
    expect(result.error.kind).toBe('validation');
    expect(result.error.details.code).toBe('TrackingOptionLimit');
    expect(result.error.message).toMatch(/at most 100 options/);
    expect(await env.calls()).toEqual({ 'GET /TrackingCategories': 1 });
  });

  it('creates an archived category (created, then archived) and refuses a fifth category', async () => {
    const project = await category('Project');
    const results = await connector.writeMany('dimension', [
      {
        externalId: project.externalId,
        idempotencyKey: 'dim-proj-3',
        data: { ...project.data, blocked: true },
      },
      {
        idempotencyKey: 'dim-region-1',
        data: { code: 'Region', name: 'Region', blocked: true, values: [value('EMEA')] },
      },
      {
        idempotencyKey: 'dim-extra-1',
        data: { code: 'Extra', name: 'Extra', blocked: true, values: [] },
      },
    ]);
    expect(results.map((r) => (r.ok ? r.record.active : r.error.details.code))).toEqual([
      false,
      false,
      'TrackingCategoryLimit',
    ]);
    if (results[2]?.ok === false) expect(results[2].error.message).toMatch(/at most 4 tracking categories/);
    expect((await categories()).map((c) => c.data.code).sort()).toEqual([
      'Area',
      'Department',
      'Project',
      'Region',
    ]);
  });

  it('after a dropped answer on a committed option, re-reads and creates nothing twice', async () => {
    const department = await category('Department');
    await env.admin('POST', '/faults', {
      kind: 'drop-after-commit',
      method: 'PUT',
      path: '/Options',
      count: 1,
    });
    await env.resetCalls();
    const [result] = await connector.writeMany('dimension', [
      {
        externalId: department.externalId,
        idempotencyKey: 'dim-dept-qa',
        data: { ...department.data, values: [...department.data.values, value('QA')] },
      },
    ]);
    expect(result?.ok).toBe(true);
    expect(await env.calls()).toEqual({
      'GET /TrackingCategories': 2,
      'PUT /TrackingCategories/{id}/Options': 1,
    });
    expect((await category('Department')).data.values.filter((v) => v.code === 'QA')).toHaveLength(1);
  });

  it("a name already used by another category is a conflict, and Xero's own limit answer carries the limit code", async () => {
    const department = await category('Department');
    const [clash] = await connector.writeMany('dimension', [
      {
        externalId: department.externalId,
        idempotencyKey: 'dim-clash',
        data: { ...department.data, code: 'region' },
      },
    ]);
    expect(clash?.ok === false && clash.error.kind).toBe('conflict');

    // Another client restores a category between our read and our write: Xero refuses, and its
    // answer carries the same limit code as our own check.
    const region = await category('Region');
    const project = await category('Project');
    await env.admin('POST', '/faults', {
      kind: 'latency',
      ms: 1000,
      method: 'POST',
      path: `/TrackingCategories/${region.externalId}`,
      count: 1,
    });
    const seen = recorder.calls.length;
    const pending = connector.writeMany('dimension', [
      {
        externalId: region.externalId,
        idempotencyKey: 'dim-region-2',
        data: { ...region.data, blocked: false },
      },
    ]);
    // Our read is done (the write is held back by the sandbox) before the other client acts.
    for (let waited = 0; !recorder.calls.slice(seen).some((c) => c.method === 'GET'); waited += 10) {
      if (waited > 5000) throw new Error('the connector never read the categories');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const [other] = await env.connector().writeMany('dimension', [
      {
        externalId: project.externalId,
        idempotencyKey: 'dim-proj-4',
        data: { ...project.data, blocked: false },
      },
    ]);
    expect(other?.ok).toBe(true);
    const [refused] = await pending;
    expect(refused?.ok).toBe(false);
    if (refused?.ok !== false) return;
    expect(refused.error.kind).toBe('validation');
    expect(refused.error.details.code).toBe('TrackingCategoryLimit');
    expect(refused.error.message).toMatch(/You can only have 2 active tracking categories/);
  });

  it.skipIf(!spec)(
    "sends only what Xero's OpenAPI spec declares, with an Idempotency-Key on every write",
    () => {
      allWrites.push(...recorder.writes());
      recorder.clear();
      const ops = new Set(allWrites.map((w) => `${w.method} ${w.path.replace(/[0-9a-f-]{36}/gi, '{id}')}`));
      expect(ops).toEqual(
        new Set([
          'PUT /TrackingCategories',
          'POST /TrackingCategories/{id}',
          'PUT /TrackingCategories/{id}/Options',
          'POST /TrackingCategories/{id}/Options/{id}',
        ]),
      );
      expect(specProblems(allWrites)).toEqual([]);
    },
  );
});
