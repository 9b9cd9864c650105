// Which browser pages may open a WebSocket: checked on the upgrade, before graphql-ws sees the
// connection. No Origin (a non-browser client), the gateway's own origin (a page it serves itself)
// or an origin in CORS_ORIGINS is accepted; any other origin is answered 403 and never upgraded.
import type { IncomingMessage } from 'node:http';

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

/** The `verifyClient` of a `ws` WebSocketServer. */
export function verifyOrigin(allowed: readonly string[]) {
  return (
    info: { origin?: string | undefined; req: IncomingMessage },
    done: (ok: boolean, status?: number, message?: string) => void,
  ): void => {
    const origin = info.req.headers.origin;
    if (originAllowed(origin, info.req.headers.host, allowed)) done(true);
    else done(false, 403, 'Origin not allowed');
  };
}
