// When credentials are required, and the settings that turn them on.
import { describe, expect, it } from 'vitest';
import { authModeOf, productionAuthProblem } from '../../../src/auth/mode.js';
import { ConfigError, loadConfig } from '../../../src/config/load.js';

const config = (env: Record<string, string>) => loadConfig(env, null);

describe('authentication mode', () => {
  it('is local unless AUTH_MODE=required or an OIDC issuer is set', () => {
    expect(authModeOf(config({}))).toBe('local');
    expect(authModeOf(config({ AUTH_MODE: 'required' }))).toBe('required');
    expect(
      authModeOf(config({ AUTH_OIDC_ISSUER: 'https://id.example', AUTH_OIDC_AUDIENCE: 'ledgerbridge' })),
    ).toBe('required');
  });

  it('an issuer without an audience is a configuration error naming it', () => {
    expect(() => config({ AUTH_OIDC_ISSUER: 'https://id.example' })).toThrow(ConfigError);
    expect(() => config({ AUTH_OIDC_ISSUER: 'https://id.example' })).toThrow(/AUTH_OIDC_AUDIENCE/);
  });

  it('production without authentication is refused; with it, or outside production, it is not', () => {
    expect(productionAuthProblem(config({ NODE_ENV: 'production' }))).toMatch(/AUTH_MODE=required/);
    expect(productionAuthProblem(config({ NODE_ENV: 'production', AUTH_MODE: 'required' }))).toBeNull();
    expect(productionAuthProblem(config({ NODE_ENV: 'development' }))).toBeNull();
  });
});
