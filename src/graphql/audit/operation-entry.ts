// From one executed GraphQL operation to its audit entry: mutations only (reads are not audited),
// one entry for the whole request naming every root field, its arguments as executed (variables
// applied) with secrets redacted, the outcome (ok, the userErrors' codes, or the error's code)
// and the ids the answer names (records, jobs).
import {
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { AuditActor } from '../../audit/actor.js';
import { redact, type Json } from '../../audit/redact.js';
import type { NewAuditEntry } from '../../store/audit-log.js';
import type { RequestInfo } from './request-info.js';

interface FormattedResult {
  data?: Record<string, unknown> | null | undefined;
  errors?: readonly { extensions?: Record<string, unknown> | undefined }[] | undefined;
}

const maxTouched = 200;

/** The mutation `document` names (by `operationName`), or null when it is not a mutation. */
export function mutationOf(document: DocumentNode | undefined, operationName?: string | null) {
  if (!document) return null;
  const operation = getOperationAST(document, operationName ?? undefined);
  return operation?.operation === OperationTypeNode.MUTATION ? operation : null;
}

function rootArguments(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
): Record<string, unknown> {
  const mutationType = schema.getMutationType();
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  const out: Record<string, unknown> = {};
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const field = mutationType?.getFields()[selection.name.value];
    const key = selection.alias?.value ?? selection.name.value;
    if (!field || !coerced.coerced) {
      // Unknown field or variables that do not fit: what was sent, as sent.
      out[key] = { variables: variables ?? {} };
      continue;
    }
    try {
      out[key] = getArgumentValues(field, selection, coerced.coerced);
    } catch {
      out[key] = { variables: variables ?? {} };
    }
  }
  return out;
}

/** An error code as text; anything that is not a string or number is `otherwise`. */
export const codeText = (code: unknown, otherwise: string): string =>
  typeof code === 'string' || typeof code === 'number' ? String(code) : otherwise;

function outcomeOf(result: FormattedResult): string {
  const errorCodes = new Set(
    (result.errors ?? []).map((e) => codeText(e.extensions?.code, 'INTERNAL_SERVER_ERROR')),
  );
  const userCodes = new Set<string>();
  for (const payload of Object.values(result.data ?? {})) {
    const userErrors = (payload as { userErrors?: unknown } | null)?.userErrors;
    if (Array.isArray(userErrors))
      for (const e of userErrors) userCodes.add(codeText((e as { code?: unknown }).code, 'USER_ERROR'));
  }
  const parts = [
    ...(errorCodes.size ? [[...errorCodes].join(',')] : []),
    ...(userCodes.size ? [`userErrors:${[...userCodes].join(',')}`] : []),
  ];
  return parts.length ? parts.join(';') : 'ok';
}

/** Every `id` string in the answer (the record, its jobs…), up to a bound. */
function touchedIds(data: unknown, found = new Set<string>(), depth = 0): Set<string> {
  if (found.size >= maxTouched || depth > 8 || !data || typeof data !== 'object') return found;
  if (Array.isArray(data)) for (const item of data) touchedIds(item, found, depth + 1);
  else
    for (const [key, value] of Object.entries(data)) {
      if ((key === 'id' || key === 'jobId') && typeof value === 'string') found.add(value);
      else touchedIds(value, found, depth + 1);
      if (found.size >= maxTouched) break;
    }
  return found;
}

export function operationEntry(args: {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | null | undefined;
  result: FormattedResult;
  actor: AuditActor;
  request: RequestInfo;
}): NewAuditEntry {
  const { operation } = args;
  const fields = [
    ...new Set(
      operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])),
    ),
  ];
  const argumentsJson: Json = redact(rootArguments(args.schema, operation, args.variables));
  return {
    actor: args.actor,
    operation: fields.join(',') || '(none)',
    arguments: argumentsJson,
    outcome: outcomeOf(args.result),
    touched: [...touchedIds(args.result.data)],
    requestId: args.request.id,
    clientAddress: args.request.clientAddress,
  };
}
