// One HTTP server: GraphQL over HTTP (Apollo Server 5) and over WebSocket (graphql-ws) on the
// same port and path, plus health endpoints.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Router } from 'express';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Config } from '../config/schema.js';
import { healthRouter } from '../ops/health.js';
import type { Logger } from '../ops/logger.js';
import type { Database } from '../store/database.js';
import { createContextFactory, type GraphQLContext, type SyncServices } from './context.js';
import { requestLimits } from './limits/request-limits.js';
import { bodyErrors } from './http-errors.js';
import { createErrorFormatter } from './errors.js';
import { createSchema } from './schema.js';

export const graphqlPath = '/graphql';
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
    Partial<Pick<Config, 'MAX_MUTATIONS_PER_REQUEST'>>,
  db: Database,
  log: Logger,
  sync: SyncServices,
  /** Routes that read their own body (webhooks), mounted before any body parser. */
  extraRoutes: { path: string; router: Router }[] = [],
): Promise<RunningServer> {
  const schema = await createSchema();
  const app = express();
  const httpServer: Server = createServer(app);
  const contextFor = createContextFactory(db, config, log, sync);
  const formatError = createErrorFormatter(log);
  const limits = requestLimits({
    maxDepth: maxQueryDepth,
    maxCost: maxQueryCost,
    maxMutations: config.MAX_MUTATIONS_PER_REQUEST ?? 20,
  });
  const validationRules = limits.validationRules;

  const wsServer = new WebSocketServer({ server: httpServer, path: graphqlPath });
  const wsCleanup = useServer(
    {
      schema,
      // Parse, validate and price here so WebSocket operations get the same rules as HTTP ones.
      onSubscribe: (_ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query, limits.parseOptions);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        const errors = validate(schema, document, [...specifiedRules, ...validationRules]);
        if (errors.length > 0) return errors;
        const variables = payload.variables ?? undefined;
        try {
          limits.check(schema, document, variables, payload.operationName);
        } catch (error) {
          return [error as GraphQLError];
        }
        return {
          schema,
          document,
          variableValues: variables,
          operationName: payload.operationName,
          contextValue: contextFor(),
        };
      },
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
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.SHUTDOWN_TIMEOUT_MS }),
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document }) {
              limits.check(schema, document, request.variables, request.operationName);
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

  app.disable('x-powered-by');
  app.use(healthRouter(db));
  for (const route of extraRoutes) app.use(route.path, route.router);
  app.use(
    graphqlPath,
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => contextFor() }),
    bodyErrors(log),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${host}:${port}${graphqlPath}`;
  log.info({ url }, 'GraphQL API listening (Apollo Sandbox at this URL in a browser)');

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closing ??= (async () => {
        await apollo.stop();
        wsServer.close();
      })();
      return closing;
    },
  };
}
