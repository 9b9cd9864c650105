// OIDC bearer tokens: JWTs signed by the issuer's keys (fetched from its JWKS, fetched again when
// a token names an unknown kid), for the configured audience, not expired. The role is the
// highest known one in the roles claim; a valid token with none is refused as FORBIDDEN.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { highestRole, type Actor } from './roles.js';

export interface OidcOptions {
  issuer: string;
  audience: string;
  /** Absent: the jwks_uri of `<issuer>/.well-known/openid-configuration`. */
  jwksUrl?: string | undefined;
  rolesClaim: string;
  /** How soon the JWKS may be fetched again for an unknown kid (jose's default is 30 s). */
  cooldownMs?: number;
}

export interface VerifiedToken {
  actor: Actor;
  /** When the token expires: a WebSocket opened with it is closed then. */
  expiresAt: Date | null;
}

/** A token that is not acceptable (bad signature, issuer, audience, expired...): say why briefly. */
export class TokenRejected extends Error {
  constructor(
    reason: string,
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN' = 'UNAUTHENTICATED',
  ) {
    super(reason);
    this.name = 'TokenRejected';
  }
}

const claimAt = (payload: JWTPayload, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
      payload,
    );

export class OidcVerifier {
  private keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  constructor(private readonly options: OidcOptions) {}

  async verify(token: string): Promise<VerifiedToken> {
    const keys = await this.keySet();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) throw new TokenRejected(reasonOf(error));
      throw error;
    }
    const claim = claimAt(payload, this.options.rolesClaim);
    const role = highestRole(
      Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : [],
    );
    const subject = payload.sub ?? 'unknown';
    const name =
      typeof payload.name === 'string'
        ? payload.name
        : typeof payload.email === 'string'
          ? payload.email
          : subject;
    if (!role)
      throw new TokenRejected(
        `the token's ${this.options.rolesClaim} claim names no known role`,
        'FORBIDDEN',
      );
    return {
      actor: { kind: 'token', id: subject, name, role },
      expiresAt: payload.exp ? new Date(payload.exp * 1000) : null,
    };
  }

  private keySet() {
    this.keys ??= this.jwksUrl().then((url) =>
      createRemoteJWKSet(new URL(url), { cooldownDuration: this.options.cooldownMs ?? 30_000 }),
    );
    // A failed discovery is tried again on the next request, not remembered.
    this.keys.catch(() => (this.keys = undefined));
    return this.keys;
  }

  private async jwksUrl(): Promise<string> {
    if (this.options.jwksUrl) return this.options.jwksUrl;
    const discovery = `${this.options.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(discovery, { signal: AbortSignal.timeout(10_000) });
    const body = response.ok ? ((await response.json()) as { jwks_uri?: unknown }) : {};
    if (typeof body.jwks_uri !== 'string') throw new Error(`OIDC discovery at ${discovery} gave no jwks_uri`);
    return body.jwks_uri;
  }
}

function reasonOf(error: InstanceType<typeof errors.JOSEError>): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token is signed by an unknown key';
  return 'the token is not valid';
}
