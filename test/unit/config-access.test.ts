// The access settings: budgets per role (one number, or role=number pairs over the defaults),
// CORS origins as browsers send them, and the introspection roles with their defaults.
import { describe, expect, it } from 'vitest';
import { introspectionRoles } from '../../src/config/access.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env, null);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.key).sort();
  }
};

describe('access settings', () => {
  it('defaults: budgets by role, no CORS origins, introspection by NODE_ENV, keys re-checked every 30 s', () => {
    const config = loadConfig({}, null);
    expect(config.LIMIT_COST_PER_MINUTE).toEqual({
      viewer: 1_000_000,
      accountant: 1_000_000,
      operator: 2_000_000,
      admin: 10_000_000,
    });
    expect(config.LIMIT_MUTATIONS_PER_MINUTE.accountant).toBe(600);
    expect(config.LIMIT_SUBSCRIPTIONS.viewer).toBe(20);
    expect(config.CORS_ORIGINS).toEqual([]);
    expect(config.KEY_RECHECK_INTERVAL_MS).toBe(30_000);
    expect(introspectionRoles(config)).toEqual(['viewer', 'accountant', 'operator', 'admin']);
    expect(introspectionRoles({ ...config, NODE_ENV: 'production' })).toEqual(['admin']);
  });

  it('one number for every role, or pairs that override only the roles they name', () => {
    expect(loadConfig({ LIMIT_SUBSCRIPTIONS: '7' }, null).LIMIT_SUBSCRIPTIONS).toEqual({
      viewer: 7,
      accountant: 7,
      operator: 7,
      admin: 7,
    });
    expect(
      loadConfig({ LIMIT_COST_PER_MINUTE: 'viewer=500, admin = 9000' }, null).LIMIT_COST_PER_MINUTE,
    ).toEqual({ viewer: 500, accountant: 1_000_000, operator: 2_000_000, admin: 9000 });
  });

  it('origins are scheme, host and port; introspection roles are roles or none', () => {
    const config = loadConfig(
      { CORS_ORIGINS: 'https://app.example, http://localhost:5173', INTROSPECTION_ROLES: 'operator,admin' },
      null,
    );
    expect(config.CORS_ORIGINS).toEqual(['https://app.example', 'http://localhost:5173']);
    expect(introspectionRoles(config)).toEqual(['operator', 'admin']);
    expect(loadConfig({ INTROSPECTION_ROLES: 'none' }, null).INTROSPECTION_ROLES).toEqual([]);
  });

  it('refuses what it cannot read, naming each key', () => {
    expect(
      problemsOf({
        LIMIT_COST_PER_MINUTE: 'auditor=5',
        LIMIT_MUTATIONS_PER_MINUTE: '0',
        LIMIT_SUBSCRIPTIONS: 'viewer=many',
        CORS_ORIGINS: 'https://app.example/path',
        INTROSPECTION_ROLES: 'viewer,root',
        KEY_RECHECK_INTERVAL_MS: '-1',
      }),
    ).toEqual([
      'CORS_ORIGINS',
      'INTROSPECTION_ROLES',
      'KEY_RECHECK_INTERVAL_MS',
      'LIMIT_COST_PER_MINUTE',
      'LIMIT_MUTATIONS_PER_MINUTE',
      'LIMIT_SUBSCRIPTIONS',
    ]);
    expect(problemsOf({ CORS_ORIGINS: '*' })).toEqual(['CORS_ORIGINS']);
  });
});
