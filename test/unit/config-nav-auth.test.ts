// NAV_AUTH: Basic (web service access key) by default, NTLM (a Windows account) on request.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';

const nav = {
  NAV_URL: 'http://nav:7048/DynamicsNAV110/ODataV4',
  NAV_COMPANY: 'CRONUS',
  NAV_GLOBAL_DIMENSIONS: 'DEPARTMENT,AREA',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, null);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => p.key).sort();
    throw e;
  }
  return [];
}

describe('NAV_AUTH', () => {
  it('defaults to basic, which needs the user and access key', () => {
    expect(loadConfig({}, null).NAV_AUTH).toBe('basic');
    expect(problems(nav)).toEqual(['NAV_ACCESS_KEY', 'NAV_USER']);
  });

  it('ntlm needs the user, password and domain, not an access key', () => {
    expect(problems({ ...nav, NAV_AUTH: 'ntlm' })).toEqual(['NAV_DOMAIN', 'NAV_PASSWORD', 'NAV_USER']);
    const config = loadConfig(
      { ...nav, NAV_AUTH: 'ntlm', NAV_USER: 'svc-ledger', NAV_PASSWORD: 'secret', NAV_DOMAIN: 'CRONUS' },
      null,
    );
    expect(config).toMatchObject({ NAV_AUTH: 'ntlm', NAV_DOMAIN: 'CRONUS' });
    expect(config.NAV_WORKSTATION).toBeUndefined();
  });

  it('refuses ntlm together with OAuth client credentials, and unknown schemes', () => {
    expect(
      problems({
        ...nav,
        NAV_AUTH: 'ntlm',
        NAV_USER: 'u',
        NAV_PASSWORD: 'p',
        NAV_DOMAIN: 'D',
        BC_CLIENT_ID: 'c',
        BC_CLIENT_SECRET: 's',
        BC_TOKEN_URL: 'https://login.example/token',
      }),
    ).toEqual(['NAV_AUTH']);
    expect(problems({ NAV_AUTH: 'kerberos' })).toEqual(['NAV_AUTH']);
  });
});
