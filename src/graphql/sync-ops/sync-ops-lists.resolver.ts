// Jobs, dead letters and conflicts, paged like every other list (keyset cursors, newest first).
import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { ConnectionArgs } from '../shared/paging.input.js';
import { conflictView, jobView } from './sync-ops.resolver.js';
import {
  ConflictFilter,
  DeadLetterFilter,
  SyncConflictConnection,
  SyncJobConnection,
  SyncJobFilter,
} from './sync-ops-lists.type.js';
import { JobStatus } from './sync-ops.type.js';

@Resolver()
export class SyncOpsListsResolver {
  @Authorized('operator')
  @Query(() => SyncJobConnection, { description: 'Outbox jobs, newest first.' })
  async syncJobs(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => SyncJobFilter, { nullable: true }) filter: SyncJobFilter | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const found = await ctx.sync.outbox.page(filter ?? {}, page, ctx.maxPageSize);
    return SyncJobConnection.from({ ...found, rows: found.rows.map(jobView) });
  }

  @Authorized('operator')
  @Query(() => SyncJobConnection, {
    description: 'Dead letters: jobs that will not be retried until replayed, newest first.',
  })
  async deadLetters(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => DeadLetterFilter, { nullable: true }) filter: DeadLetterFilter | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const found = await ctx.sync.outbox.page({ ...filter, status: [JobStatus.DEAD] }, page, ctx.maxPageSize);
    return SyncJobConnection.from({ ...found, rows: found.rows.map(jobView) });
  }

  @Authorized('operator')
  @Query(() => SyncConflictConnection, { description: 'Conflicts, newest first.' })
  async conflicts(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => ConflictFilter, { nullable: true }) filter: ConflictFilter | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const found = await ctx.sync.conflicts.page(filter ?? {}, page, ctx.maxPageSize);
    return SyncConflictConnection.from({ ...found, rows: found.rows.map(conflictView) });
  }
}
