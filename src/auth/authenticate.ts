// From an Authorization header (HTTP) or connection_init payload (WebSocket) to the caller: an API
// key (`lbk_…`) or an OIDC token; in the local mode, the local admin whatever is sent.
import { GraphQLError } from 'graphql';
import type { Logger } from '../ops/logger.js';
import type { ApiKeyStore } from '../store/api-keys.js';
import { ApiKeyAuthenticator, isApiKey } from './api-keys.js';
import { authModeOf, type AuthMode, type AuthSettings } from './mode.js';
import { OidcVerifier, TokenRejected } from './oidc.js';
import { localActor, type Actor } from './roles.js';

export interface Credential {
  actor: Actor | null;
  /** When the credential stops being valid (tokens); a WebSocket is closed then. */
  expiresAt: Date | null;
}

export interface Authenticator {
  readonly mode: AuthMode;
  /** The caller; no header gives a null actor, a bad credential throws UNAUTHENTICATED or FORBIDDEN. */
  authenticate(authorization: unknown): Promise<Credential>;
}

export const refused = (message: string, code: 'UNAUTHENTICATED' | 'FORBIDDEN' = 'UNAUTHENTICATED') =>
  new GraphQLError(message, {
    extensions: { code, http: { status: code === 'UNAUTHENTICATED' ? 401 : 403 } },
  });

export function createAuthenticator(
  config: AuthSettings,
  keys: ApiKeyStore,
  log: Logger,
  options: { jwksCooldownMs?: number } = {},
): Authenticator {
  const mode = authModeOf(config);
  const apiKeys = new ApiKeyAuthenticator(keys, (error) =>
    log.warn({ err: error }, 'could not record API key use'),
  );
  const oidc =
    config.AUTH_OIDC_ISSUER && config.AUTH_OIDC_AUDIENCE
      ? new OidcVerifier({
          issuer: config.AUTH_OIDC_ISSUER,
          audience: config.AUTH_OIDC_AUDIENCE,
          jwksUrl: config.AUTH_OIDC_JWKS_URL,
          rolesClaim: config.AUTH_OIDC_ROLES_CLAIM,
          ...(options.jwksCooldownMs === undefined ? {} : { cooldownMs: options.jwksCooldownMs }),
        })
      : undefined;

  return {
    mode,
    async authenticate(authorization) {
      if (mode === 'local') return { actor: localActor, expiresAt: null };
      if (authorization === undefined || authorization === null || authorization === '')
        return { actor: null, expiresAt: null };
      const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
      if (!match?.[1]) throw refused('The Authorization header must be "Bearer <API key or token>".');
      const credential = match[1];
      if (isApiKey(credential)) {
        const actor = await apiKeys.actorFor(credential);
        if (!actor) throw refused('This API key is unknown, revoked or rotated.');
        return { actor, expiresAt: null };
      }
      if (!oidc) throw refused('Only API keys are accepted here (no OIDC issuer is configured).');
      try {
        return await oidc.verify(credential);
      } catch (error) {
        if (error instanceof TokenRejected)
          throw refused(`Bearer token refused: ${error.message}.`, error.code);
        log.error({ err: error }, 'could not verify a bearer token');
        throw refused('Bearer token could not be verified (the issuer is unreachable); try again.');
      }
    },
  };
}
