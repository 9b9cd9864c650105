// API keys: `lbk_` and 43 characters of base64url (256 random bits). Such a key cannot be guessed,
// so one SHA-256 (no salt, no stretching) is enough to store it and looking it up by hash is safe.
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyRow, ApiKeyStore } from '../store/api-keys.js';
import { isRole, type Actor } from './roles.js';

export const apiKeyMark = 'lbk_';
const prefixLength = apiKeyMark.length + 8;
/** Last use is written at most this often per key: a busy key must not write on every request. */
export const lastUseEvery = 60_000;

export const isApiKey = (credential: string) => credential.startsWith(apiKeyMark);
export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** A fresh key, its hash and display prefix; the key itself is shown once and never stored. */
export function mintApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = apiKeyMark + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, prefixLength), keyHash: hashApiKey(key) };
}

/** Resolves presented keys to actors, recording their last use (throttled). */
export class ApiKeyAuthenticator {
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly store: ApiKeyStore,
    private readonly onTouchFailed: (error: unknown) => void = () => {},
  ) {}

  /** The key's actor, or null when it is unknown, revoked or rotated away. */
  async actorFor(key: string, now = Date.now()): Promise<Actor | null> {
    const row = await this.store.findActiveByHash(hashApiKey(key));
    if (!row || !isRole(row.role)) return null;
    this.recordUse(row, now);
    return { kind: 'key', id: row.id, name: row.name, role: row.role };
  }

  private recordUse(row: ApiKeyRow, now: number): void {
    const last = Math.max(this.lastTouched.get(row.id) ?? 0, row.lastUsedAt?.getTime() ?? 0);
    if (now - last < lastUseEvery) return;
    this.lastTouched.set(row.id, now);
    this.store.touch(row.id, new Date(now), new Date(now - lastUseEvery)).catch(this.onTouchFailed);
  }
}
