import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';

describe('configuration', () => {
  it('has working defaults for the embedded mode', () => {
    const config = loadConfig({}, null);
    expect(config).toMatchObject({ PORT: 4000, DATA_DIR: './data', MAX_PAGE_SIZE: 500, LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reports every bad key in one message, never their values', () => {
    let error: unknown;
    try {
      loadConfig(
        { PORT: '70000', LOG_LEVEL: 'chatty', DATABASE_URL: 'mysql://u:hunter2@db/x', REDIS_URL: 'nope' },
        null,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.key).sort();
    expect(problems).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'REDIS_URL']);
    const message = (error as Error).message;
    expect(message).toMatch(/postgres:\/\/ or postgresql:\/\//);
    expect(message).not.toMatch(/hunter2/);
  });

  it('asks for what a configured system needs', () => {
    let error: unknown;
    try {
      loadConfig({ NAV_URL: 'http://nav:7048/DynamicsNAV110/ODataV4', XERO_CLIENT_ID: 'abc' }, null);
    } catch (e) {
      error = e;
    }
    const keys = (error as ConfigError).problems.map((p) => p.key).sort();
    expect(keys).toEqual([
      'NAV_ACCESS_KEY',
      'NAV_COMPANY',
      'NAV_GLOBAL_DIMENSIONS',
      'NAV_USER',
      'XERO_CLIENT_SECRET',
    ]);
  });

  it('reads NAV global dimensions as General Ledger Setup names them, or none', () => {
    const nav = {
      NAV_URL: 'http://nav:7048/DynamicsNAV110/ODataV4',
      NAV_COMPANY: 'CRONUS',
      NAV_USER: 'ADMIN',
      NAV_ACCESS_KEY: 'key',
    };
    expect(
      loadConfig({ ...nav, NAV_GLOBAL_DIMENSIONS: 'department, AREA' }, null).NAV_GLOBAL_DIMENSIONS,
    ).toEqual(['DEPARTMENT', 'AREA']);
    expect(loadConfig({ ...nav, NAV_GLOBAL_DIMENSIONS: 'DEPARTMENT' }, null).NAV_GLOBAL_DIMENSIONS).toEqual([
      'DEPARTMENT',
      null,
    ]);
    expect(loadConfig({ ...nav, NAV_GLOBAL_DIMENSIONS: 'none' }, null).NAV_GLOBAL_DIMENSIONS).toEqual([
      null,
      null,
    ]);
    for (const bad of ['A,B,C', 'AREA,AREA', 'TOO-LONG-A-DIMENSION-CODE'])
      expect(() => loadConfig({ ...nav, NAV_GLOBAL_DIMENSIONS: bad }, null), bad).toThrow(ConfigError);
    // Business Central's API gives each line its dimensions: no setting needed there.
    expect(loadConfig({ ...nav, NAV_DIALECT: 'bc-api-v2' }, null).NAV_GLOBAL_DIMENSIONS).toBeUndefined();
  });

  it('reads .env, with the environment taking precedence and blank values meaning unset', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lb-env-'));
    const file = path.join(dir, '.env');
    await writeFile(file, 'PORT=4100\nDATA_DIR=/var/lib/lb\nDATABASE_URL=\n');
    const config = loadConfig({ PORT: '4200' }, file);
    expect(config.PORT).toBe(4200);
    expect(config.DATA_DIR).toBe('/var/lib/lb');
    expect(config.DATABASE_URL).toBeUndefined();
  });
});
