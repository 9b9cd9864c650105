// The gateway's port, bound before anything slow: /healthz answers from the first moment,
// /readyz reports the start-up, and a port already in use stops the start at once. The API is
// mounted behind it once the database and the sync side are up; until then other paths answer 503.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { authModeOf, type AuthSettings } from '../auth/mode.js';
import type { Config } from '../config/schema.js';
import { healthRouter, type HealthSources } from '../ops/health.js';
import type { Logger } from '../ops/logger.js';
import { CannotStart } from '../ops/startup.js';

export const graphqlPath = '/graphql';

export interface Listener {
  readonly httpServer: Server;
  readonly url: string;
  readonly port: number;
  /** Everything but the health endpoints goes to `handler` from now on. */
  mount(handler: RequestHandler): void;
  /** Closes the port (for a start-up that ends before the API was mounted). */
  close(): Promise<void>;
}

export async function listen(
  config: Pick<Config, 'HOST' | 'PORT'> & AuthSettings,
  log: Logger,
  health: HealthSources,
): Promise<Listener> {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRouter(health));
  let mounted: RequestHandler | undefined;
  app.use((req, res, next) => {
    if (mounted) return mounted(req, res, next);
    res.status(503).json({ errors: [{ message: 'starting: try again in a moment (see /readyz)' }] });
  });
  const httpServer = createServer(app);
  // Keep idle connections longer than clients and load balancers do (undici 4 s, most balancers
  // 60 s), so the client closes first: a server closing one just as a request arrives on it (likely
  // while the initial sync keeps the event loop busy) resets that request.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  // Without authentication every caller is an admin: only this machine may call.
  const local = authModeOf(config) === 'local';
  const listenOn = local ? '127.0.0.1' : config.HOST;
  if (local)
    log.warn(
      { host: listenOn, ignoredHost: config.HOST },
      'NO AUTHENTICATION CONFIGURED: every caller is an admin, so the API listens on 127.0.0.1 only. ' +
        'Set AUTH_MODE=required (API keys) or AUTH_OIDC_ISSUER to serve other machines.',
    );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(new CannotStart(`port ${config.PORT} is in use: another gateway? set PORT=… to a free port`));
      else if (error.code === 'EACCES')
        reject(
          new CannotStart(`port ${config.PORT} needs privileges this process lacks: set PORT=… above 1023`),
        );
      else reject(error);
    });
    httpServer.listen(config.PORT, listenOn, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = listenOn === '0.0.0.0' || listenOn === '::' ? 'localhost' : listenOn;
  const url = `http://${host}:${port}${graphqlPath}`;
  log.info({ url }, 'GraphQL API listening (the explorer at this URL in a browser)');

  let closing: Promise<void> | undefined;
  return {
    httpServer,
    url,
    port,
    mount(handler) {
      mounted = handler;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      return closing;
    },
  };
}
