// A local OIDC issuer for tests: its own key pairs, a discovery document and a JWKS over HTTP,
// and tokens signed with whichever key is current. `rotate` swaps in a new signing key.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';

export interface TestIssuer {
  issuer: string;
  jwksUrl: string;
  /** How many times the JWKS was fetched. */
  jwksFetches(): number;
  sign(
    claims: JWTPayload,
    options?: { expiresIn?: string | number; audience?: string; issuer?: string },
  ): Promise<string>;
  /** Signs with a key the JWKS does not (yet) publish. */
  signWithStranger(claims: JWTPayload): Promise<string>;
  rotate(): Promise<void>;
  close(): Promise<void>;
}

interface Pair {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

async function pair(kid: string): Promise<Pair> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export async function startTestIssuer(audience: string): Promise<TestIssuer> {
  let current = await pair('k1');
  let fetches = 0;
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration')
      return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    if (req.url === '/jwks') {
      fetches += 1;
      return res.end(JSON.stringify({ keys: [current.jwk] }));
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signWith = (key: Pair, claims: JWTPayload, options: Parameters<TestIssuer['sign']>[1] = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? audience)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(key.privateKey);
  let stranger: Pair | undefined;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    jwksFetches: () => fetches,
    sign: (claims, options) => signWith(current, claims, options),
    async signWithStranger(claims) {
      stranger ??= await pair('stranger');
      return signWith(stranger, claims);
    },
    async rotate() {
      current = await pair(`k${Date.now()}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
