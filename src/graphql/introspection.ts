// Introspection by role (INTROSPECTION_ROLES): an operation that asks for `__schema` or `__type`
// (directly or in a fragment) is refused FORBIDDEN unless the caller's role is listed;
// `__typename` is always allowed. Checked before execution, on HTTP and WebSocket alike.
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import type { Actor, Role } from '../auth/roles.js';

const introspectionFields = new Set(['__schema', '__type']);

export function asksIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (introspectionFields.has(node.name.value)) found = true;
    },
  });
  return found;
}

/** Throws FORBIDDEN when the document introspects and the caller's role may not. */
export function checkIntrospection(
  document: DocumentNode,
  actor: Actor | null,
  allowed: readonly Role[],
): void {
  if (actor && allowed.includes(actor.role)) return;
  if (!asksIntrospection(document)) return;
  throw new GraphQLError(
    actor
      ? `Introspection is not available to the ${actor.role} role.`
      : 'Introspection needs a credential: send Authorization: Bearer <key or token>.',
    { extensions: { code: actor ? 'FORBIDDEN' : 'UNAUTHENTICATED', http: { status: actor ? 403 : 401 } } },
  );
}
