// Xero's identity service, simulated: POST /connect/token (client_credentials, authorization_code,
// refresh_token), GET /connect/authorize (consents instantly for a demo user), GET/DELETE
// /connections, and the bearer-token check the Accounting API runs before anything else.
// Access tokens live 30 minutes; refresh tokens are single use and rotate on every refresh.
import { randomBytes, randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { forbidden, sendError, unauthorized } from './errors.js';
import { usDateTime } from './dates.js';
import type { TenantState } from './state.js';

export const ACCESS_TOKEN_SECONDS = 30 * 60;
const REFRESH_TOKEN_MS = 60 * 24 * 3600 * 1000;
const CODE_MS = 5 * 60 * 1000;
const DEFAULT_SCOPES =
  'accounting.transactions accounting.contacts accounting.settings accounting.journals.read';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Shown as ProviderName in every Accounting API response. */
  appName: string;
}

interface Grant {
  clientId: string;
  scope: string;
  /** Tenants this grant may use (connections). */
  tenantIds: Set<string>;
  authEventId: string;
  userId: string;
}

interface AccessToken extends Grant {
  expiresAt: number;
}

interface RefreshToken extends Grant {
  expiresAt: number;
  spent: boolean;
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

export class IdentityService {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, Grant & { expiresAt: number; redirectUri: string }>();

  constructor(
    private readonly clients: OAuthClient[],
    private readonly tenants: () => TenantState[],
    private readonly now: () => number,
  ) {}

  client(id: string): OAuthClient | undefined {
    return this.clients.find((c) => c.clientId === id);
  }

  /** Opaque bearer token shaped like Xero's JWTs (header.payload.signature); never verified as a JWT. */
  private mint(grant: Grant): {
    access_token: string;
    expires_in: number;
    token_type: string;
    scope: string;
  } {
    const nowS = Math.floor(this.now() / 1000);
    const payload = {
      nbf: nowS,
      exp: nowS + ACCESS_TOKEN_SECONDS,
      iss: 'https://identity.xero.com',
      aud: 'https://identity.xero.com/resources',
      client_id: grant.clientId,
      sub: grant.userId,
      auth_time: nowS,
      xero_userid: grant.userId,
      global_session_id: grant.authEventId,
      jti: randomUUID(),
      authentication_event_id: grant.authEventId,
      scope: grant.scope.split(' '),
    };
    const token = `${b64url(JSON.stringify({ alg: 'RS256', kid: 'sandbox', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.${b64url(randomBytes(32))}`;
    this.access.set(token, {
      ...grant,
      tenantIds: new Set(grant.tenantIds),
      expiresAt: this.now() + ACCESS_TOKEN_SECONDS * 1000,
    });
    return {
      access_token: token,
      expires_in: ACCESS_TOKEN_SECONDS,
      token_type: 'Bearer',
      scope: grant.scope,
    };
  }

  private mintRefresh(grant: Grant): string {
    const token = randomBytes(32).toString('hex');
    this.refresh.set(token, {
      ...grant,
      tenantIds: new Set(grant.tenantIds),
      expiresAt: this.now() + REFRESH_TOKEN_MS,
      spent: false,
    });
    return token;
  }

  /** Expires every access token now (admin: simulate the 30-minute expiry without waiting). */
  expireAccessTokens(): number {
    let n = 0;
    for (const t of this.access.values()) {
      t.expiresAt = Math.min(t.expiresAt, this.now() - 1);
      n++;
    }
    return n;
  }

  verify(authorization: string | undefined): { token: AccessToken } | { error: string } {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const token = m?.[1] ? this.access.get(m[1]) : undefined;
    if (!token) return { error: 'AuthenticationUnsuccessful' };
    if (token.expiresAt <= this.now())
      return { error: `TokenExpired: token expired at ${usDateTime(token.expiresAt)}` };
    return { token };
  }

  router(): Router {
    const r = express.Router();
    const form = express.urlencoded({ extended: false });
    r.post('/connect/token', form, (req, res) => this.token(req, res));
    r.get('/connect/authorize', (req, res) => this.authorize(req, res));
    r.get('/connections', (req, res) => {
      const v = this.verify(req.header('authorization'));
      if ('error' in v) return sendError(res, unauthorized(v.error));
      res.json(
        this.tenants()
          .filter((t) => v.token.tenantIds.has(t.tenantId))
          .map((t) => ({
            id: t.connection.id,
            authEventId: v.token.authEventId,
            tenantId: t.tenantId,
            tenantType: 'ORGANISATION',
            tenantName: t.name,
            createdDateUtc: connectionDate(t.connection.createdDateUtc),
            updatedDateUtc: connectionDate(t.connection.updatedDateUtc),
          })),
      );
    });
    r.delete('/connections/:id', (req, res) => {
      const v = this.verify(req.header('authorization'));
      if ('error' in v) return sendError(res, unauthorized(v.error));
      const tenant = this.tenants().find(
        (t) => t.connection.id === req.params.id && v.token.tenantIds.has(t.tenantId),
      );
      if (!tenant) return sendError(res, forbidden());
      // Disconnecting revokes the tenant for every token of this authorisation.
      for (const g of [...this.access.values(), ...this.refresh.values()]) {
        if (g.authEventId === v.token.authEventId) g.tenantIds.delete(tenant.tenantId);
      }
      res.status(204).end();
    });
    return r;
  }

  private clientFrom(req: Request): OAuthClient | undefined {
    const basic = /^Basic\s+(\S+)$/i.exec(req.header('authorization') ?? '');
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    let id = body.client_id;
    let secret = body.client_secret;
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      id = decodeURIComponent(decoded.slice(0, i));
      secret = decodeURIComponent(decoded.slice(i + 1));
    }
    const client = id ? this.client(id) : undefined;
    return client && client.clientSecret === secret ? client : undefined;
  }

  private token(req: Request, res: Response): void {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const client = this.clientFrom(req);
    if (!client) {
      res.status(400).json({ error: 'invalid_client' });
      return;
    }
    const allTenants = new Set(this.tenants().map((t) => t.tenantId));
    switch (body.grant_type) {
      case 'client_credentials': {
        const scope = body.scope ?? body.scopes ?? DEFAULT_SCOPES;
        res.json(
          this.mint({
            clientId: client.clientId,
            scope,
            tenantIds: allTenants,
            authEventId: randomUUID(),
            userId: randomUUID(),
          }),
        );
        return;
      }
      case 'authorization_code': {
        const code = body.code ? this.codes.get(body.code) : undefined;
        if (body.code) this.codes.delete(body.code);
        if (
          !code ||
          code.expiresAt <= this.now() ||
          code.clientId !== client.clientId ||
          (body.redirect_uri && body.redirect_uri !== code.redirectUri)
        ) {
          res.status(400).json({ error: 'invalid_grant' });
          return;
        }
        const tokens = this.mint(code);
        res.json({ ...tokens, refresh_token: this.mintRefresh(code) });
        return;
      }
      case 'refresh_token': {
        const rt = body.refresh_token ? this.refresh.get(body.refresh_token) : undefined;
        if (!rt || rt.spent || rt.expiresAt <= this.now() || rt.clientId !== client.clientId) {
          res.status(400).json({ error: 'invalid_grant' });
          return;
        }
        rt.spent = true;
        const tokens = this.mint(rt);
        res.json({ ...tokens, refresh_token: this.mintRefresh(rt) });
        return;
      }
      default:
        res.status(400).json({ error: 'unsupported_grant_type' });
    }
  }

  /** Consent is granted at once for a demo user, connecting every organisation of the sandbox. */
  private authorize(req: Request, res: Response): void {
    const q = req.query as Record<string, string | undefined>;
    const client = q.client_id ? this.client(q.client_id) : undefined;
    if (!client || !q.redirect_uri || q.response_type !== 'code') {
      res
        .status(400)
        .type('text/plain')
        .send('Invalid authorization request: client_id, redirect_uri and response_type=code are required.');
      return;
    }
    const code = randomBytes(24).toString('hex');
    this.codes.set(code, {
      clientId: client.clientId,
      scope: q.scope ?? DEFAULT_SCOPES,
      tenantIds: new Set(this.tenants().map((t) => t.tenantId)),
      authEventId: randomUUID(),
      userId: randomUUID(),
      expiresAt: this.now() + CODE_MS,
      redirectUri: q.redirect_uri,
    });
    const target = new URL(q.redirect_uri);
    target.searchParams.set('code', code);
    if (q.scope) target.searchParams.set('scope', q.scope);
    if (q.state) target.searchParams.set('state', q.state);
    res.redirect(302, target.toString());
  }

  /** Middleware for the Accounting API: bearer token, then the xero-tenant-id it may use. */
  apiGuard(onTenant: (req: Request, res: Response, tenant: TenantState, clientId: string) => void) {
    return (req: Request, res: Response, next: NextFunction) => {
      const v = this.verify(req.header('authorization'));
      if ('error' in v) return sendError(res, unauthorized(v.error));
      const tenantId = req.header('xero-tenant-id')?.toLowerCase();
      const tenant = tenantId ? this.tenants().find((t) => t.tenantId === tenantId) : undefined;
      if (!tenant || !v.token.tenantIds.has(tenant.tenantId)) return sendError(res, forbidden());
      onTenant(req, res, tenant, v.token.clientId);
      next();
    };
  }
}

/** `/connections` dates: ISO without zone, 7 fractional digits, as Xero writes them. */
function connectionDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('Z', '')
    .replace(/\.(\d{3})$/, '.$10000');
}
