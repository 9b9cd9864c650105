// Starts the real HTTP server on a random port over a given database, for integration tests.
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { configSchema } from '../../src/config/schema.js';
import { startServer, type RunningServer } from '../../src/graphql/server.js';
import { createLogger } from '../../src/ops/logger.js';
import type { Database } from '../../src/store/database.js';
import {
  createSyncServices,
  type RunningSyncServices,
  type SyncServicesOptions,
} from '../../src/sync/services.js';

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestGateway {
  server: RunningServer;
  sync: RunningSyncServices;
  /** POSTs a query over HTTP; returns the status and parsed body. */
  post<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: GraphQLResponse<T> }>;
  request<T, V>(document: TypedDocumentNode<T, V>, variables?: V): Promise<GraphQLResponse<T>>;
  wsClient(connectionParams?: Record<string, unknown>): Client;
  close(): Promise<void>;
}

export async function startTestGateway(
  db: Database,
  options: SyncServicesOptions = {},
  /** Extra settings, e.g. AUTH_MODE=required. */
  env: Record<string, string> = {},
): Promise<TestGateway> {
  const config = configSchema.parse({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', ...env });
  const sync = createSyncServices(db, options);
  const server = await startServer(config, db, createLogger('silent', { pretty: false }), sync);
  const post = async <T>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<T> };
  };
  const clients: Client[] = [];
  return {
    server,
    sync,
    post,
    async request(document, variables) {
      return (await post(print(document), variables as Record<string, unknown>)).body as never;
    },
    wsClient(connectionParams) {
      const client = createClient({
        url: server.url.replace(/^http/, 'ws'),
        ...(connectionParams ? { connectionParams } : {}),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map(async (c) => c.dispose()));
      await server.close();
      await sync.close();
    },
  };
}

/** Subscribes over graphql-ws and resolves with the first `count` results. */
export function collect<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  count: number,
): Promise<T[]> {
  const results: T[] = [];
  return new Promise<T[]>((resolve, reject) => {
    const unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) reject(new Error(JSON.stringify(value.errors)));
          else if (value.data) results.push(value.data);
          if (results.length === count) {
            unsubscribe();
            resolve(results);
          }
        },
        error: (error: unknown) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => resolve(results),
      },
    );
  });
}

/**
 * Polls the gateway's /readyz (next to the GraphQL `url`) until it answers 200: a gateway serves
 * at once and runs its initial sync in the background, so tests that expect synced data wait here,
 * as a user waits for the "ready" log line. Gives up after `timeoutMs` with the last answer.
 */
export async function waitUntilReady(url: string, timeoutMs = 180_000): Promise<Record<string, unknown>> {
  const readyz = url.replace(/\/graphql$/, '/readyz');
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      const response = await fetch(readyz);
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status === 200) return body;
      last = `${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) throw new Error(`gateway not ready after ${timeoutMs} ms: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
