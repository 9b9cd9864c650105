// Which browser pages may open a WebSocket: checked on the upgrade, before graphql-ws sees the
// connection. No Origin (a non-browser client), the gateway's own origin (a page it serves itself)
// or an origin in CORS_ORIGINS is accepted; any other origin is answered 403 and never upgraded.
// In the local mode the Host must be loopback first (loopback-host.ts: DNS rebinding).
import type { IncomingMessage } from 'node:http';
import { upgradeHostRefusal } from './loopback-host.js';

export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
) {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && host !== undefined && url.host === host;
  } catch {
    return false;
  }
}

/** The `verifyClient` of a `ws` WebSocketServer; `loopbackOnly` in the local mode. */
export function verifyOrigin(allowed: readonly string[], loopbackOnly = false) {
  return (
    info: { origin?: string | undefined; req: IncomingMessage },
    done: (ok: boolean, status?: number, message?: string, headers?: Record<string, string>) => void,
  ): void => {
    const refusal = loopbackOnly ? upgradeHostRefusal(info.req) : null;
    if (refusal !== null) {
      done(false, 403, refusal, { 'Content-Type': 'application/json; charset=utf-8' });
      return;
    }
    const origin = info.req.headers.origin;
    if (originAllowed(origin, info.req.headers.host, allowed)) done(true);
    else done(false, 403, 'Origin not allowed');
  };
}
