// Runs every Mutation field with its caller as the cause of what it writes, so the jobs it enqueues
// and the events it records name that caller (src/audit/cause.ts). Queries run as they are.
import type { MiddlewareFn } from 'type-graphql';
import { actorLabel, auditActorOf } from '../../audit/actor.js';
import { withCause } from '../../audit/cause.js';
import type { GraphQLContext } from '../context.js';

export const mutationCause: MiddlewareFn<GraphQLContext> = ({ info, context }, next) =>
  info.parentType.name === 'Mutation' && context.actor
    ? withCause(actorLabel(auditActorOf(context.actor)), next)
    : next();
