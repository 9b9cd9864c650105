// API keys at rest: the SHA-256 of each key and its display prefix, never the key itself.
import { EventEmitter } from 'node:events';
import type { PrismaClient } from './generated/client.js';

/** In this process, `invalidated` (with the key's id) right after a key is revoked or rotated. */
export const apiKeyEvents = new EventEmitter<{ invalidated: [id: string] }>();

export interface ApiKeyRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const shown = {
  id: true,
  name: true,
  role: true,
  prefix: true,
  createdAt: true,
  rotatedAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ApiKeyStore {
  constructor(private readonly prisma: PrismaClient) {}

  create(key: { name: string; role: string; prefix: string; keyHash: string }): Promise<ApiKeyRow> {
    return this.prisma.apiKey.create({ data: key, select: shown });
  }

  list(): Promise<ApiKeyRow[]> {
    return this.prisma.apiKey.findMany({ select: shown, orderBy: { createdAt: 'asc' } });
  }

  /** The key a presented secret hashes to, unless it was revoked. */
  findActiveByHash(keyHash: string): Promise<ApiKeyRow | null> {
    return this.prisma.apiKey.findFirst({ where: { keyHash, revokedAt: null }, select: shown });
  }

  /** By id, or by the prefix `keys list` shows. */
  find(idOrPrefix: string): Promise<ApiKeyRow | null> {
    const where = uuid.test(idOrPrefix) ? { id: idOrPrefix } : { prefix: idOrPrefix };
    return this.prisma.apiKey.findFirst({ where, select: shown });
  }

  async revoke(id: string, at = new Date()): Promise<ApiKeyRow> {
    const row = await this.prisma.apiKey.update({ where: { id }, data: { revokedAt: at }, select: shown });
    apiKeyEvents.emit('invalidated', id);
    return row;
  }

  /** A new secret for the same key: the old hash is gone, so the old secret stops working at once. */
  async replaceSecret(
    id: string,
    secret: { prefix: string; keyHash: string },
    at = new Date(),
  ): Promise<ApiKeyRow> {
    const row = await this.prisma.apiKey.update({
      where: { id },
      data: { ...secret, rotatedAt: at },
      select: shown,
    });
    apiKeyEvents.emit('invalidated', id);
    return row;
  }

  /** Which of these hashes still belong to an active key (the others were revoked or rotated). */
  async activeHashes(keyHashes: string[]): Promise<Set<string>> {
    if (keyHashes.length === 0) return new Set();
    const rows = await this.prisma.apiKey.findMany({
      where: { keyHash: { in: keyHashes }, revokedAt: null },
      select: { keyHash: true },
    });
    return new Set(rows.map((r) => r.keyHash));
  }

  /** Records a use unless one was recorded after `unlessSince` (by any gateway process). */
  async touch(id: string, at: Date, unlessSince: Date): Promise<void> {
    await this.prisma.apiKey.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: unlessSince } }] },
      data: { lastUsedAt: at },
    });
  }
}
