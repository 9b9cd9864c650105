// DNS rebinding, in the local mode: without authentication every caller is an admin and the
// gateway trusts a browser page of its own origin (the WebSocket Origin check compares with the
// Host header). A page on a domain that resolves to 127.0.0.1 would be "its own origin", so in the
// local mode the GraphQL path and its WebSocket upgrade answer only loopback Host names
// (localhost, 127.0.0.1, [::1], any port); anything else is refused 403 before anything runs.
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a Host header names this machine's loopback (with or without a port). */
export function loopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const match = /^(\[[^\]]*\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  return match !== null && loopbackNames.has(match[1]!);
}

export const hostRefusedCode = 'HOST_NOT_ALLOWED';

/** The reason a Host was refused, as the JSON body says it. */
export function hostRefusal(host: string | undefined) {
  const named = host === undefined ? 'no Host header' : `Host ${JSON.stringify(host)}`;
  return {
    errors: [
      {
        message:
          `${named} refused: without authentication the gateway answers only localhost, 127.0.0.1 ` +
          'and [::1] (DNS rebinding protection); set AUTH_MODE=required or AUTH_OIDC_ISSUER to serve other names',
        extensions: { code: hostRefusedCode },
      },
    ],
  };
}

/** Express middleware: 403 with a JSON error for a request whose Host is not loopback. */
export function loopbackHostsOnly(): RequestHandler {
  return (req, res, next) => {
    if (loopbackHost(req.headers.host)) next();
    else res.status(403).json(hostRefusal(req.headers.host));
  };
}

/** For a WebSocket upgrade: null when the Host is loopback, else the 403's JSON body. */
export function upgradeHostRefusal(req: IncomingMessage): string | null {
  return loopbackHost(req.headers.host) ? null : JSON.stringify(hostRefusal(req.headers.host));
}
