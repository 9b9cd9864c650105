// Authentication: Basic (user name + web service access key) for both dialects, and OAuth 2.0
// bearer tokens for the BC dialect, issued by a simulated Microsoft Entra ID token endpoint
// (client credentials, scope https://api.businesscentral.dynamics.com/.default).
import { randomBytes } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import type { SandboxClock } from '../common/clock.js';
import { NavError } from './errors.js';
import type { NavCredentials, NavLimits } from './options.js';

export const BC_SCOPE = 'https://api.businesscentral.dynamics.com/.default';

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private readonly clock: SandboxClock) {}

  issue(clientId: string, tenant: string, lifetimeSeconds: number): string {
    const now = Math.floor(this.clock.now() / 1000);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    // JWT-shaped like Entra's (clients may decode it); the signature is random, tokens are looked up.
    const token = [
      b64({ typ: 'JWT', alg: 'RS256' }),
      b64({
        aud: 'https://api.businesscentral.dynamics.com',
        iss: `https://sts.windows.net/${tenant}/`,
        iat: now,
        nbf: now,
        exp: now + lifetimeSeconds,
        appid: clientId,
        tid: tenant,
        roles: ['API.ReadWrite.All'],
      }),
      randomBytes(32).toString('base64url'),
    ].join('.');
    this.tokens.set(token, { clientId, expiresAt: this.clock.now() + lifetimeSeconds * 1000 });
    return token;
  }

  verify(token: string): { clientId: string } | 'expired' | undefined {
    const t = this.tokens.get(token);
    if (!t) return undefined;
    if (t.expiresAt <= this.clock.now()) return 'expired';
    return { clientId: t.clientId };
  }
}

export function unauthorized(
  dialect: 'nav' | 'bc',
  description = 'The server has rejected the client credentials.',
  expired = false,
): NavError {
  const challenge =
    dialect === 'nav'
      ? 'Basic realm=""'
      : `Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", resource_id="https://api.businesscentral.dynamics.com"${expired ? ', error="invalid_token", error_description="The access token is expired"' : ''}`;
  return new NavError(401, 'Authentication_InvalidCredentials', description, {
    'WWW-Authenticate': challenge,
  });
}

/** Returns the authenticated user (Basic user name or OAuth client id) or throws a 401. */
export function authenticate(
  req: Request,
  dialect: 'nav' | 'bc',
  creds: NavCredentials,
  tokens: TokenStore,
): string {
  const header = req.header('authorization') ?? '';
  const [scheme = '', value = ''] = header.split(/\s+/, 2);
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    const name = sep >= 0 ? decoded.slice(0, sep) : decoded;
    const key = sep >= 0 ? decoded.slice(sep + 1) : '';
    // NAV compares user names case-insensitively; users may be written DOMAIN\USER or plain.
    const user = creds.users.find((u) => u.name.toUpperCase() === name.toUpperCase() && u.accessKey === key);
    if (!user) throw unauthorized(dialect);
    return user.name;
  }
  if (scheme.toLowerCase() === 'bearer' && dialect === 'bc') {
    const v = tokens.verify(value);
    if (v === 'expired') throw unauthorized(dialect, 'The server has rejected the client credentials.', true);
    if (!v) throw unauthorized(dialect);
    return v.clientId;
  }
  throw unauthorized(dialect);
}

function entraError(status: number, error: string, code: number, description: string) {
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: 00000000-0000-0000-0000-000000000000 Correlation ID: 00000000-0000-0000-0000-000000000000 Timestamp: ${new Date().toISOString().replace('T', ' ').slice(0, 19)}Z`,
      error_codes: [code],
      timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
      trace_id: '00000000-0000-0000-0000-000000000000',
      correlation_id: '00000000-0000-0000-0000-000000000000',
    },
  };
}

/** POST /oauth2/v2.0/token and /{tenant}/oauth2/v2.0/token, Entra ID's v2.0 shapes. */
export function tokenRouter(
  creds: () => NavCredentials,
  tokens: TokenStore,
  limits: () => NavLimits,
  tenantId: () => string,
): Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false }));
  const handler = (req: Request, res: express.Response) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const tenant = typeof req.params.tenant === 'string' ? req.params.tenant : tenantId();
    const fail = (e: ReturnType<typeof entraError>) => void res.status(e.status).json(e.body);
    if (body.grant_type !== 'client_credentials') {
      return fail(
        entraError(
          400,
          'unsupported_grant_type',
          70003,
          `The app requested an unsupported grant type '${body.grant_type ?? ''}'.`,
        ),
      );
    }
    const client = creds().clients.find((c) => c.clientId === body.client_id);
    if (!client) {
      return fail(
        entraError(
          400,
          'unauthorized_client',
          700016,
          `Application with identifier '${body.client_id ?? ''}' was not found in the directory '${tenant}'.`,
        ),
      );
    }
    if (client.clientSecret !== body.client_secret) {
      return fail(
        entraError(
          401,
          'invalid_client',
          7000215,
          'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
        ),
      );
    }
    if (body.scope !== BC_SCOPE) {
      return fail(
        entraError(
          400,
          'invalid_scope',
          1002012,
          `The provided value for scope ${body.scope ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        ),
      );
    }
    const lifetime = limits().tokenLifetimeSeconds;
    res.json({
      token_type: 'Bearer',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: tokens.issue(client.clientId, tenant, lifetime),
    });
  };
  router.post('/oauth2/v2.0/token', handler);
  router.post('/:tenant/oauth2/v2.0/token', handler);
  return router;
}
