// Connector credentials (OAuth tokens) at rest: sealed with the SecretBox, one row per connection.
// `withLock` runs a token refresh under a row lock (SELECT … FOR UPDATE inside a transaction), so
// two processes never spend the same single-use refresh token.
import type { SourceSystem } from '../systems/registry.js';
import type { PrismaClient } from './generated/client.js';
import type { SecretBox } from './secret-box.js';

export type CredentialSystem = SourceSystem;

export interface CredentialTokens {
  accessToken: string;
  /** Absent for client-credentials grants (a new token is simply requested). */
  refreshToken: string | null;
}

export interface CredentialTenant {
  tenantId: string;
  tenantName: string | null;
}

export interface StoredCredential extends CredentialTokens {
  id: string;
  system: CredentialSystem;
  name: string;
  grantType: string;
  accessExpiresAt: Date;
  scopes: string[];
  tenants: CredentialTenant[];
  version: number;
}

export interface CredentialInput extends CredentialTokens {
  grantType: string;
  accessExpiresAt: Date;
  scopes: string[];
  tenants?: CredentialTenant[];
}

export type CredentialUpdate = Partial<CredentialInput>;

export class CredentialNotFoundError extends Error {
  constructor(system: string, name: string) {
    super(`no stored credentials for ${system} connection "${name}"; connect it first`);
    this.name = 'CredentialNotFoundError';
  }
}

interface Row {
  id: string;
  system: CredentialSystem;
  name: string;
  grantType: string;
  sealedTokens: string;
  accessExpiresAt: Date;
  scopes: string;
  tenants: unknown;
  version: number;
}

/** Transaction timeout for a locked refresh: the token endpoint call happens inside it. */
const LOCK_TIMEOUT_MS = 60_000;

export class CredentialStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly box: SecretBox,
  ) {}

  private aad(system: string, name: string): string {
    return `connector_credential:${system}:${name}`;
  }

  private seal(system: string, name: string, tokens: CredentialTokens): string {
    return this.box.seal(
      JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }),
      this.aad(system, name),
    );
  }

  private decode(row: Row): StoredCredential {
    const tokens = JSON.parse(
      this.box.open(row.sealedTokens, this.aad(row.system, row.name)),
    ) as CredentialTokens;
    return {
      id: row.id,
      system: row.system,
      name: row.name,
      grantType: row.grantType,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken ?? null,
      accessExpiresAt: row.accessExpiresAt,
      scopes: row.scopes.split(' ').filter(Boolean),
      tenants: Array.isArray(row.tenants) ? (row.tenants as CredentialTenant[]) : [],
      version: row.version,
    };
  }

  /** Creates or replaces a connection's credentials (after consent or a client-credentials grant). */
  async save(system: CredentialSystem, name: string, input: CredentialInput): Promise<StoredCredential> {
    const data = {
      grantType: input.grantType,
      sealedTokens: this.seal(system, name, input),
      accessExpiresAt: input.accessExpiresAt,
      scopes: input.scopes.join(' '),
      tenants: (input.tenants ?? []).map((t) => ({ tenantId: t.tenantId, tenantName: t.tenantName })),
    };
    const row = await this.prisma.connectorCredential.upsert({
      where: { system_name: { system, name } },
      create: { system, name, ...data },
      update: { ...data, version: { increment: 1 } },
    });
    return this.decode(row);
  }

  async get(system: CredentialSystem, name: string): Promise<StoredCredential | null> {
    const row = await this.prisma.connectorCredential.findUnique({
      where: { system_name: { system, name } },
    });
    return row ? this.decode(row) : null;
  }

  async list(system: CredentialSystem): Promise<Omit<StoredCredential, 'accessToken' | 'refreshToken'>[]> {
    const rows = await this.prisma.connectorCredential.findMany({
      where: { system },
      orderBy: { name: 'asc' },
    });
    return rows.map((row) => {
      const { accessToken: _a, refreshToken: _r, ...rest } = this.decode(row);
      return rest;
    });
  }

  async delete(system: CredentialSystem, name: string): Promise<boolean> {
    const { count } = await this.prisma.connectorCredential.deleteMany({ where: { system, name } });
    return count > 0;
  }

  /**
   * Locks the connection's row, re-reads it and hands it to `fn`; the update `fn` returns is written
   * before the lock is released. Other processes calling this wait for the lock, then see the new row.
   */
  async withLock<T>(
    system: CredentialSystem,
    name: string,
    fn: (current: StoredCredential) => Promise<{ update?: CredentialUpdate | undefined; result: T }>,
  ): Promise<{ credential: StoredCredential; result: T }> {
    return this.prisma.$transaction(
      async (tx) => {
        const locked = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM connector_credential
          WHERE system = ${system}::"SourceSystem" AND name = ${name}
          FOR UPDATE`;
        if (!locked[0]) throw new CredentialNotFoundError(system, name);
        const row = await tx.connectorCredential.findUniqueOrThrow({ where: { id: locked[0].id } });
        const current = this.decode(row);
        const { update, result } = await fn(current);
        if (!update) return { credential: current, result };
        const merged: CredentialInput = {
          grantType: update.grantType ?? current.grantType,
          accessToken: update.accessToken ?? current.accessToken,
          refreshToken: update.refreshToken !== undefined ? update.refreshToken : current.refreshToken,
          accessExpiresAt: update.accessExpiresAt ?? current.accessExpiresAt,
          scopes: update.scopes ?? current.scopes,
          tenants: update.tenants ?? current.tenants,
        };
        const written = await tx.connectorCredential.update({
          where: { id: row.id },
          data: {
            grantType: merged.grantType,
            sealedTokens: this.seal(system, name, merged),
            accessExpiresAt: merged.accessExpiresAt,
            scopes: merged.scopes.join(' '),
            tenants: (merged.tenants ?? []).map((t) => ({ tenantId: t.tenantId, tenantName: t.tenantName })),
            version: { increment: 1 },
          },
        });
        return { credential: this.decode(written), result };
      },
      { timeout: LOCK_TIMEOUT_MS, maxWait: LOCK_TIMEOUT_MS },
    );
  }
}
