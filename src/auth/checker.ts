// type-graphql's authChecker: a field marked @Authorized('accountant') answers an actor whose role
// covers accountant. No credential is UNAUTHENTICATED, too small a role FORBIDDEN; either way the
// resolver never runs, so nothing is written or enqueued.
import { GraphQLError } from 'graphql';
import type { AuthCheckerFn } from 'type-graphql';
import { covers, isRole, type Actor } from './roles.js';

export const unauthenticated = (
  message = 'Authentication required: send Authorization: Bearer <key or token>.',
) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

export const authChecker: AuthCheckerFn<{ actor?: Actor | null }> = ({ context, info }, needed) => {
  const actor = context.actor ?? null;
  if (!actor) throw unauthenticated();
  // Several roles on one field mean "any of them"; since roles nest, the lowest is enough.
  if (needed.some((role) => isRole(role) && covers(actor.role, role))) return true;
  throw new GraphQLError(
    `${info.fieldName} needs the ${needed.join(' or ')} role; "${actor.name}" is ${actor.role}.`,
    {
      extensions: { code: 'FORBIDDEN' },
    },
  );
};
