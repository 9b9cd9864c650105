// What a caller meets on top of the per-request limits, gathered for the server to wire in a few
// lines: loopback Host names only in the local mode (DNS rebinding), the browser origins allowed
// (CORS over HTTP, Origin on the WebSocket upgrade), introspection by role, budgets per caller
// (cost and mutations a minute, subscriptions open at once), and sockets closed when their API key is revoked or rotated.
import type { RequestHandler } from 'express';
import { getOperationAST, OperationTypeNode, type DocumentNode } from 'graphql';
import type { WebSocket } from 'ws';
import type { Credential } from '../auth/authenticate.js';
import { authModeOf, type AuthSettings } from '../auth/mode.js';
import type { Actor } from '../auth/roles.js';
import { introspectionRoles } from '../config/access.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../ops/logger.js';
import type { ApiKeyStore } from '../store/api-keys.js';
import { cors } from './cors.js';
import { checkIntrospection } from './introspection.js';
import { CallerBudgets, type Transport } from './limits/caller-budgets.js';
import { SubscriptionSlots } from './limits/subscription-slots.js';
import { loopbackHostsOnly } from './loopback-host.js';
import { SocketKeyWatch } from './socket-keys.js';
import { verifyOrigin } from './ws-origin.js';

export type CallerGuardSettings = Pick<AuthSettings, 'AUTH_MODE' | 'AUTH_OIDC_ISSUER'> &
  Pick<
    Config,
    | 'NODE_ENV'
    | 'REDIS_URL'
    | 'CORS_ORIGINS'
    | 'INTROSPECTION_ROLES'
    | 'LIMIT_COST_PER_MINUTE'
    | 'LIMIT_MUTATIONS_PER_MINUTE'
    | 'LIMIT_SUBSCRIPTIONS'
    | 'KEY_RECHECK_INTERVAL_MS'
  >;

export function callerGuards(config: CallerGuardSettings, keys: ApiKeyStore, log: Logger) {
  const budgets = new CallerBudgets(
    {
      costPerMinute: config.LIMIT_COST_PER_MINUTE,
      mutationsPerMinute: config.LIMIT_MUTATIONS_PER_MINUTE,
      redisUrl: config.REDIS_URL,
    },
    log,
  );
  const slots = new SubscriptionSlots(config.LIMIT_SUBSCRIPTIONS);
  const keyWatch = new SocketKeyWatch(keys, config.KEY_RECHECK_INTERVAL_MS, log);
  const mayIntrospect = introspectionRoles(config);
  const local = authModeOf(config) === 'local';
  const pass: RequestHandler = (_req, _res, next) => next();

  return {
    /** Express middleware for the GraphQL path: in the local mode, loopback Host names only. */
    hosts: local ? loopbackHostsOnly() : pass,
    /** Express middleware for the GraphQL path. */
    cors: cors(config.CORS_ORIGINS),
    /**
     * The WebSocketServer's verifyClient: refuses (403, before the upgrade) a Host that is not
     * loopback in the local mode, then foreign origins.
     */
    verifyOrigin: verifyOrigin(config.CORS_ORIGINS, local),

    /**
     * Before an operation runs: introspection by role, then the caller's budget spends its cost.
     * Throws FORBIDDEN or RATE_LIMITED; nothing has run then.
     */
    async admit(
      document: DocumentNode,
      operationName: string | null | undefined,
      cost: number,
      actor: Actor | null,
      transport: Transport,
    ): Promise<void> {
      checkIntrospection(document, actor, mayIntrospect);
      const operation = getOperationAST(document, operationName)?.operation;
      if (operation) await budgets.spend(actor, cost, operation, transport);
    },

    /** A WebSocket accepted with this credential. */
    connected(socket: WebSocket, authorization: unknown, credential: Credential): void {
      keyWatch.track(socket, authorization, credential.actor);
      socket.once('close', () => slots.releaseSocket(socket));
      // A subscription's own end can wait for its next event; the client's complete frees the slot.
      socket.on('message', (data: Buffer) => {
        const id = completedId(data);
        if (id !== null) slots.release(socket, id);
      });
    },
    /** Takes a subscription slot (subscriptions only), or throws RATE_LIMITED. */
    subscribing(
      socket: WebSocket,
      id: string,
      document: DocumentNode,
      operationName: string | null | undefined,
      actor: Actor | null,
    ) {
      if (getOperationAST(document, operationName)?.operation === OperationTypeNode.SUBSCRIPTION)
        slots.take(actor, socket, id);
    },
    /** An operation on a socket ended (any way): its slot, if any, is free again. */
    ended(socket: WebSocket, id: string): void {
      slots.release(socket, id);
    },

    async close(): Promise<void> {
      keyWatch.close();
      await budgets.close();
    },
  };
}

export type CallerGuards = ReturnType<typeof callerGuards>;

/** The id of a graphql-ws `complete` message from the client, else null. */
function completedId(data: Buffer): string | null {
  if (data.length > 512 || !data.includes('"complete"')) return null;
  try {
    const message = JSON.parse(data.toString('utf8')) as { type?: unknown; id?: unknown };
    return message.type === 'complete' && typeof message.id === 'string' ? message.id : null;
  } catch {
    return null;
  }
}
