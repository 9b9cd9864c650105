// A WebSocket opened with an API key is closed (4403) once that key is revoked or rotated: at once
// when it happens in this process (the key store says so), and otherwise at the next check of
// every open socket's key against the database (KEY_RECHECK_INTERVAL_MS), which catches a key
// revoked by the CLI or another gateway process. Tokens are not revocable: they end at expiry.
import type { WebSocket } from 'ws';
import { hashApiKey, isApiKey } from '../auth/api-keys.js';
import type { Actor } from '../auth/roles.js';
import type { Logger } from '../ops/logger.js';
import { apiKeyEvents, type ApiKeyStore } from '../store/api-keys.js';

export const keyRevokedCloseCode = 4403;

export class SocketKeyWatch {
  private readonly sockets = new Map<WebSocket, { id: string; keyHash: string }>();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly onInvalidated = (id: string) => {
    for (const [socket, key] of this.sockets) if (key.id === id) this.end(socket);
  };

  constructor(
    private readonly store: ApiKeyStore,
    intervalMs: number,
    private readonly log: Logger,
  ) {
    apiKeyEvents.on('invalidated', this.onInvalidated);
    if (intervalMs > 0) {
      this.timer = setInterval(() => void this.recheck(), intervalMs);
      this.timer.unref();
    }
  }

  /** Follows a socket whose caller is an API key (others are left alone). */
  track(socket: WebSocket, authorization: unknown, actor: Actor | null): void {
    if (actor?.kind !== 'key' || typeof authorization !== 'string') return;
    const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (!key || !isApiKey(key)) return;
    this.sockets.set(socket, { id: actor.id, keyHash: hashApiKey(key) });
    socket.once('close', () => this.sockets.delete(socket));
  }

  /** Closes every socket whose key no longer authenticates. */
  async recheck(): Promise<void> {
    if (this.sockets.size === 0) return;
    const open = [...this.sockets];
    let active: Set<string>;
    try {
      active = await this.store.activeHashes([...new Set(open.map(([, key]) => key.keyHash))]);
    } catch (error) {
      this.log.warn({ err: error }, 'could not re-check the API keys of open WebSockets');
      return;
    }
    for (const [socket, key] of open) if (!active.has(key.keyHash)) this.end(socket);
  }

  close(): void {
    apiKeyEvents.off('invalidated', this.onInvalidated);
    if (this.timer) clearInterval(this.timer);
  }

  private end(socket: WebSocket): void {
    this.sockets.delete(socket);
    socket.close(keyRevokedCloseCode, 'API key revoked or rotated');
  }
}
