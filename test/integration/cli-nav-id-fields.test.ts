// NAV_ID_FIELDS reaches the NAV connector the gateway builds from its configuration: `ledgerbridge
// sync` starts against a NAV whose pages publish the field, and stops at start-up, naming the
// field, against one whose pages do not.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import { startNavSandbox, type RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import { runCli, tempDataDir } from '../support/cli.js';

describe('NAV_ID_FIELDS at start-up', () => {
  let standard: RunningNavSandbox;
  let extended: RunningNavSandbox;
  const dirs: string[] = [];
  const dataDir = async () => {
    const dir = await tempDataDir('nav-id-fields');
    dirs.push(dir);
    return dir;
  };
  const company = generateDemoCompany({});

  beforeAll(async () => {
    standard = await startNavSandbox({ port: 0, company });
    extended = await startNavSandbox({ port: 0, company, extensionFields: { customer: ['LB_Id'] } });
  });
  afterAll(async () => {
    await standard?.close();
    await extended?.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  const env = async (nav: RunningNavSandbox) => ({
    DEMO: 'off',
    NAV_URL: `${nav.url}/DynamicsNAV110/ODataV4`,
    NAV_COMPANY: nav.companyName,
    NAV_USER: 'ADMIN',
    NAV_ACCESS_KEY: 'sandbox',
    NAV_ID_FIELDS: 'customer=LB_Id',
    NAV_GLOBAL_DIMENSIONS: 'DEPARTMENT,AREA',
    DATA_DIR: await dataDir(),
  });

  it('fails naming the field when the NAV page does not publish it', async () => {
    const run = await runCli(['sync', '--system', 'NAV', '--entity', 'customer'], await env(standard), {
      timeoutMs: 120_000,
    });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain(
      "service 'Customer' (customer id field) lacks field(s) 'LB_Id'",
    );
  }, 150_000);

  it('starts and syncs when it does', async () => {
    const run = await runCli(['sync', '--system', 'NAV', '--entity', 'customer'], await env(extended), {
      timeoutMs: 180_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('id field');
  }, 200_000);
});
