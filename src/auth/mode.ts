// Whether callers must bring a credential: "local" (no authentication configured: everyone is an
// admin, and the server listens on loopback only) or "required".
import type { Config } from '../config/schema.js';

export type AuthMode = 'local' | 'required';
export type AuthSettings = Pick<
  Config,
  | 'NODE_ENV'
  | 'AUTH_MODE'
  | 'AUTH_OIDC_ISSUER'
  | 'AUTH_OIDC_AUDIENCE'
  | 'AUTH_OIDC_JWKS_URL'
  | 'AUTH_OIDC_ROLES_CLAIM'
>;

export const authModeOf = (config: Pick<AuthSettings, 'AUTH_MODE' | 'AUTH_OIDC_ISSUER'>): AuthMode =>
  config.AUTH_MODE === 'required' || config.AUTH_OIDC_ISSUER ? 'required' : 'local';

/** In production the local mode is refused: the one line says what to set. */
export function productionAuthProblem(config: AuthSettings): string | null {
  if (config.NODE_ENV !== 'production' || authModeOf(config) === 'required') return null;
  return 'NODE_ENV=production needs authentication: set AUTH_MODE=required (API keys) or AUTH_OIDC_ISSUER and AUTH_OIDC_AUDIENCE';
}
