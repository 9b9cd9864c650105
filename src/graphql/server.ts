// One HTTP server: GraphQL over HTTP (Apollo Server 5) and over WebSocket (graphql-ws) on the
// same port and path, plus health endpoints.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Router } from 'express';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { createAuthenticator, type Credential } from '../auth/authenticate.js';
import type { AuthSettings } from '../auth/mode.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../ops/logger.js';
import { ApiKeyStore } from '../store/api-keys.js';
import type { Database } from '../store/database.js';
import { callerGuards, type CallerGuardSettings } from './caller-guards.js';
import { createContextFactory, type GraphQLContext, type SyncServices } from './context.js';
import { requestLimits } from './limits/request-limits.js';
import { bodyErrors } from './http-errors.js';
import { createErrorFormatter } from './errors.js';
import { graphqlPath, listen, type Listener } from './listener.js';
import { createSchema } from './schema.js';
import { createApiAudit } from './audit/create.js';
import { httpRequestInfo, requestIds, socketRequestInfo } from './audit/request-info.js';
import { webRouter } from '../web/routes.js';

export { graphqlPath };
const maxQueryDepth = 12;
const maxQueryCost = 50_000;

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to the timeout), closes sockets. */
  close(): Promise<void>;
}

export async function startServer(
  config: Pick<Config, 'HOST' | 'PORT' | 'MAX_PAGE_SIZE' | 'SHUTDOWN_TIMEOUT_MS' | 'NODE_ENV'> &
    Partial<Pick<Config, 'MAX_MUTATIONS_PER_REQUEST'>> &
    AuthSettings &
    CallerGuardSettings,
  db: Database,
  log: Logger,
  sync: SyncServices,
  /** Routes that read their own body (webhooks), mounted before any body parser. */
  extraRoutes: { path: string; router: Router }[] = [],
  /** The port bound already (the gateway binds it first); else it is bound here. */
  listener?: Listener,
): Promise<RunningServer> {
  const bound = listener ?? (await listen(config, log, { db }));
  const { httpServer } = bound;
  const schema = await createSchema();
  const app = express.Router();
  const contextFor = createContextFactory(db, config, log, sync);
  const formatError = createErrorFormatter(log);
  const limits = requestLimits({
    maxDepth: maxQueryDepth,
    maxCost: maxQueryCost,
    maxMutations: config.MAX_MUTATIONS_PER_REQUEST ?? 20,
  });
  const validationRules = limits.validationRules;
  const keys = new ApiKeyStore(db.prisma);
  const auth = createAuthenticator(config, keys, log);
  const guards = callerGuards(config, keys, log);
  const audit = createApiAudit(db, log);
  /** Each WebSocket's caller, decided once at connection_init. */
  const sockets = new WeakMap<object, Credential>();

  const wsServer = new WebSocketServer({
    server: httpServer,
    path: graphqlPath,
    verifyClient: guards.verifyOrigin,
  });
  const wsCleanup = useServer(
    {
      schema,
      // A bad credential closes the connection (4403); a token's socket is closed when it expires.
      onConnect: async (ctx) => {
        // Explorers send their Headers tab as the params, spelled as typed: "Authorization".
        const params = ctx.connectionParams;
        const presented = params?.authorization ?? params?.Authorization;
        let credential: Credential;
        try {
          credential = await audit.authenticate(auth, presented, socketRequestInfo(ctx.extra.request));
        } catch {
          return false;
        }
        sockets.set(ctx.extra.socket, credential);
        guards.connected(ctx.extra.socket, presented, credential);
        if (credential.expiresAt) closeAtExpiry(ctx.extra.socket, credential.expiresAt);
        return true;
      },
      // Parse, validate and price here so WebSocket operations get the same rules as HTTP ones.
      onSubscribe: async (ctx, id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query, limits.parseOptions);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        const errors = validate(schema, document, [...specifiedRules, ...validationRules]);
        if (errors.length > 0) return errors;
        const variables = payload.variables ?? undefined;
        const actor = sockets.get(ctx.extra.socket)?.actor ?? null;
        try {
          const { cost } = limits.check(schema, document, variables, payload.operationName);
          await guards.admit(document, payload.operationName, cost, actor, 'ws');
          guards.subscribing(ctx.extra.socket, id, document, payload.operationName, actor);
        } catch (error) {
          return [error as GraphQLError];
        }
        return {
          schema,
          document,
          variableValues: variables,
          operationName: payload.operationName,
          contextValue: contextFor(actor, socketRequestInfo(ctx.extra.request)),
        };
      },
      onComplete: (ctx, id) => guards.ended(ctx.extra.socket, id),
      onNext: (_ctx, _id, _payload, args, result) => audit.socketResult(schema, args, result),
      onError: (_ctx, _id, _payload, errors) => {
        log.debug({ errors: errors.map((e) => e.message) }, 'graphql-ws operation failed');
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    validationRules,
    parseOptions: limits.parseOptions,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The gateway owns SIGTERM/SIGINT and the stop order (requests, sync, database). Apollo's own
    // handler raced it: a second stop() waits on a barrier Apollo never releases, hanging forever.
    stopOnTerminationSignals: false,
    plugins: [
      // Browsers get the bundled explorer (src/web/) instead of Apollo's CDN-loaded Sandbox.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.SHUTDOWN_TIMEOUT_MS }),
      audit.plugin(),
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document, contextValue }) {
              const { cost } = limits.check(schema, document, request.variables, request.operationName);
              await guards.admit(document, request.operationName, cost, contextValue.actor, 'http');
            },
          };
        },
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use(requestIds());
  // Before the explorer, which shares the path: its Host is checked too, and a CORS preflight is
  // answered here (the explorer's router would otherwise answer OPTIONS itself, without CORS).
  app.use(graphqlPath, guards.hosts, guards.cors);
  app.use(webRouter({ graphqlPath }));
  for (const route of extraRoutes) app.use(route.path, route.router);
  app.use(
    graphqlPath,
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const request = httpRequestInfo(req, res);
        return contextFor(
          (await audit.authenticate(auth, req.headers.authorization, request)).actor,
          request,
        );
      },
    }),
    bodyErrors(log),
  );

  bound.mount(app);

  let closing: Promise<void> | undefined;
  return {
    url: bound.url,
    port: bound.port,
    close() {
      closing ??= (async () => {
        await apollo.stop();
        wsServer.close();
        await guards.close();
      })();
      return closing;
    },
  };
}

/** Ends a WebSocket when the token it was opened with expires (4401, as graphql-ws uses it). */
function closeAtExpiry(socket: WebSocket, expiresAt: Date): void {
  // setTimeout holds at most ~24.8 days; a longer-lived token is closed then and may reconnect.
  const timer = setTimeout(
    () => socket.close(4401, 'Token expired'),
    Math.min(expiresAt.getTime() - Date.now(), 2 ** 31 - 1),
  );
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
