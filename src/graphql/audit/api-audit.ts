// The API's side of the audit trail: an Apollo plugin appending one entry per mutation request, the
// same for mutations sent over graphql-ws, and every refused credential (HTTP and connection_init).
// An entry that cannot be written is logged as an error; the answer already given stands.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { anonymous, auditActorOf, type AuditActor } from '../../audit/actor.js';
import { redact } from '../../audit/redact.js';
import { apiKeyMark, isApiKey } from '../../auth/api-keys.js';
import type { Authenticator, Credential } from '../../auth/authenticate.js';
import type { Logger } from '../../ops/logger.js';
import type { ApiKeyStore } from '../../store/api-keys.js';
import type { AuditLog, NewAuditEntry } from '../../store/audit-log.js';
import type { GraphQLContext } from '../context.js';
import { codeText, mutationOf, operationEntry } from './operation-entry.js';
import type { RequestInfo } from './request-info.js';

const prefixLength = apiKeyMark.length + 8;

export class ApiAudit {
  constructor(
    private readonly trail: AuditLog,
    private readonly keys: ApiKeyStore,
    private readonly log: Logger,
  ) {}

  /** Appends `entry`; a failure is logged, never thrown at the caller. */
  async record(entry: NewAuditEntry): Promise<void> {
    try {
      await this.trail.append(entry);
    } catch (error) {
      this.log.error({ err: error, operation: entry.operation }, 'AUDIT ENTRY NOT WRITTEN');
    }
  }

  /** Apollo: one entry per request that holds a mutation, after it ran (or was refused). */
  plugin(): ApolloServerPlugin<GraphQLContext> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ contextValue, document, request, response, schema }) => {
          const operation = mutationOf(document, request.operationName);
          if (!operation || response.body.kind !== 'single') return;
          await this.record(
            operationEntry({
              schema,
              operation,
              variables: request.variables,
              result: response.body.singleResult,
              actor: auditActorOf(contextValue.actor),
              request: contextValue.request,
            }),
          );
        },
      }),
    };
  }

  /** graphql-ws onNext: a mutation sent over the socket leaves its entry too. */
  async socketResult(
    schema: GraphQLSchema,
    args: ExecutionArgs,
    result: {
      data?: Record<string, unknown> | null | undefined;
      errors?: readonly GraphQLError[] | undefined;
    },
  ): Promise<void> {
    const operation = mutationOf(args.document, args.operationName);
    if (!operation) return;
    const context = args.contextValue as GraphQLContext;
    await this.record(
      operationEntry({
        schema,
        operation,
        variables: args.variableValues ?? null,
        result,
        actor: auditActorOf(context.actor),
        request: context.request,
      }),
    );
  }

  /** Authenticates; a refused credential leaves an entry (who it claimed to be, when known) and rethrows. */
  async authenticate(auth: Authenticator, authorization: unknown, request: RequestInfo): Promise<Credential> {
    try {
      return await auth.authenticate(authorization);
    } catch (error) {
      const presented = describe(authorization);
      await this.record({
        actor: await this.claimed(presented.prefix),
        operation: request.transport === 'http' ? 'authenticate' : 'connection_init',
        arguments: redact({
          transport: request.transport,
          presented: presented.text,
          reason: error instanceof Error ? error.message : String(error),
        }),
        outcome:
          error instanceof GraphQLError
            ? codeText(error.extensions.code, 'UNAUTHENTICATED')
            : 'INTERNAL_SERVER_ERROR',
        requestId: request.id,
        clientAddress: request.clientAddress,
      });
      throw error;
    }
  }

  /** The key a refused credential names by its prefix (a revoked one), or nobody. */
  private async claimed(prefix: string | null): Promise<AuditActor> {
    if (!prefix) return anonymous;
    const row = await this.keys.find(prefix).catch(() => null);
    return row && row.prefix === prefix
      ? { kind: 'key', id: row.id, name: row.name, role: row.role }
      : { ...anonymous, id: prefix };
  }
}

/** What was presented, without the secret: an API key's public prefix, or the kind of credential. */
function describe(authorization: unknown): { text: string; prefix: string | null } {
  if (typeof authorization !== 'string') return { text: 'not a string', prefix: null };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) return { text: 'malformed Authorization', prefix: null };
  if (isApiKey(match[1])) {
    const prefix = match[1].slice(0, prefixLength);
    return { text: `API key ${prefix}…`, prefix };
  }
  return { text: 'bearer token', prefix: null };
}
