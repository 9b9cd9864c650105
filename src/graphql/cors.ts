// CORS for the allowed browser origins only (CORS_ORIGINS). An allowed Origin is echoed back with
// Vary: Origin, and its preflight is answered here; any other origin gets no CORS header, so a
// browser keeps the response from its page. With no origins configured this adds nothing at all.
// Apollo's CSRF prevention stays on behind it: a simple cross-site request without a preflight
// header is refused before anything runs.
import type { RequestHandler } from 'express';

export const corsAllowedHeaders = ['authorization', 'content-type', 'apollo-require-preflight'];

export function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    if (allowed.size === 0) {
      next();
      return;
    }
    res.vary('Origin');
    const origin = req.headers.origin;
    const ok = typeof origin === 'string' && allowed.has(origin);
    if (ok) res.setHeader('Access-Control-Allow-Origin', origin);
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!preflight) {
      next();
      return;
    }
    if (!ok) {
      res.status(403).end();
      return;
    }
    res.vary('Access-Control-Request-Headers');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', corsAllowedHeaders.join(', '));
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
