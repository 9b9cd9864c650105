// Bearer tokens from a local issuer: signature, issuer, audience and expiry are checked, the role
// is the highest known one in the claim, and a new signing key is picked up from the JWKS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcVerifier, TokenRejected } from '../../../src/auth/oidc.js';
import { startTestIssuer, type TestIssuer } from '../../support/oidc-issuer.js';

const audience = 'ledgerbridge-api';

describe('OIDC bearer tokens', () => {
  let issuer: TestIssuer;
  let verifier: OidcVerifier;
  const refusal = (token: Promise<string>) =>
    token
      .then((t) => verifier.verify(t))
      .then(
        () => 'accepted',
        (error: unknown) =>
          error instanceof TokenRejected ? `${error.code}: ${error.message}` : String(error),
      );

  beforeAll(async () => {
    issuer = await startTestIssuer(audience);
    // No JWKS URL: found through the issuer's discovery document.
    verifier = new OidcVerifier({ issuer: issuer.issuer, audience, rolesClaim: 'roles', cooldownMs: 0 });
  });
  afterAll(() => issuer.close());

  it('accepts a valid token with the highest known role, named after the user', async () => {
    const token = await issuer.sign({ sub: 'u1', name: 'Ada', roles: ['viewer', 'accountant', 'auditor'] });
    const { actor, expiresAt } = await verifier.verify(token);
    expect(actor).toEqual({ kind: 'token', id: 'u1', name: 'Ada', role: 'accountant' });
    expect(expiresAt!.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
  });

  it('refuses another issuer, another audience, an expired token and a foreign signature', async () => {
    expect(await refusal(issuer.sign({ roles: ['admin'] }, { issuer: 'https://elsewhere.example' }))).toMatch(
      /^UNAUTHENTICATED: .*iss/,
    );
    expect(await refusal(issuer.sign({ roles: ['admin'] }, { audience: 'another-api' }))).toMatch(
      /^UNAUTHENTICATED: .*aud/,
    );
    expect(
      await refusal(issuer.sign({ roles: ['admin'] }, { expiresIn: Math.floor(Date.now() / 1000) - 5 })),
    ).toBe('UNAUTHENTICATED: the token has expired');
    expect(await refusal(issuer.signWithStranger({ roles: ['admin'] }))).toBe(
      'UNAUTHENTICATED: the token is signed by an unknown key',
    );
    const [header, payload] = (await issuer.sign({ roles: ['viewer'] })).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), roles: ['admin'] }),
    );
    const signature = (await issuer.sign({ roles: ['viewer'] })).split('.')[2];
    expect(await refusal(Promise.resolve(`${header}.${forged.toString('base64url')}.${signature}`))).toBe(
      'UNAUTHENTICATED: the token is not valid',
    );
  });

  it('a token with no known role is FORBIDDEN', async () => {
    expect(await refusal(issuer.sign({ sub: 'u2', roles: ['auditor'] }))).toMatch(/^FORBIDDEN: /);
    expect(await refusal(issuer.sign({ sub: 'u3' }))).toMatch(/^FORBIDDEN: /);
  });

  it('an unknown kid fetches the JWKS again, so a rotated signing key is accepted', async () => {
    await verifier.verify(await issuer.sign({ roles: ['viewer'] }));
    const before = issuer.jwksFetches();
    await issuer.rotate();
    const { actor } = await verifier.verify(await issuer.sign({ sub: 'u4', roles: ['operator'] }));
    expect(actor.role).toBe('operator');
    expect(issuer.jwksFetches()).toBe(before + 1);
  });

  it('reads roles from a nested claim', async () => {
    const nested = new OidcVerifier({
      issuer: issuer.issuer,
      audience,
      jwksUrl: issuer.jwksUrl,
      rolesClaim: 'realm_access.roles',
    });
    const { actor } = await nested.verify(
      await issuer.sign({ sub: 'u5', realm_access: { roles: ['admin'] } }),
    );
    expect(actor.role).toBe('admin');
  });
});
