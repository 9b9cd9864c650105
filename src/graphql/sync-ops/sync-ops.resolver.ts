// Operating the sync engine: inspect jobs and dead letters, edit and replay them, follow events.
import { payloadProblems } from '../../sync/pipelines/payload-check.js';
import { Authorized, Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { UserInputError } from '../../domain/errors.js';
import type { LedgerEventType, Published } from '../../events/types.js';
import type { Job } from '../../store/outbox.js';
import { jobUpdatedEvent } from '../../sync/runtime/job-events.js';
import type { Conflict } from '../../store/conflicts.js';
import type { FieldDifference, ResolutionOption } from './conflict-detail.type.js';
import type { GraphQLContext } from '../context.js';
import { expectGlobalId, toGlobalId } from '../global-id.js';
import { SourceSystem } from '../shared/enums.js';
import {
  ChangeSource,
  ConflictEvent,
  DeadLetterEvent,
  EntityChangedEvent,
  EntityKind,
  JobStatus,
  ReplayPayload,
  SyncConflict,
  SyncJob,
  SyncJobEvent,
  SyncStatusEntry,
  ConflictResolution,
  ResolveConflictPayload,
} from './sync-ops.type.js';

export const typenameOfKind: Record<EntityKind, string> = {
  CUSTOMER: 'Customer',
  VENDOR: 'Vendor',
  ITEM: 'Item',
  SALES_ORDER: 'SalesOrder',
  INVOICE: 'Invoice',
  BILL: 'Bill',
  PAYMENT: 'Payment',
  LEDGER_ENTRY: 'LedgerEntry',
  DIMENSION: 'Dimension',
  DIMENSION_VALUE: 'DimensionValue',
};

const entityGlobalId = (kind: string, id: string) =>
  toGlobalId(typenameOfKind[kind as EntityKind] ?? kind, id);

export function jobView(job: Job): SyncJob {
  return {
    ...job,
    id: toGlobalId('SyncJob', job.id),
    entityType: job.entityType as EntityKind,
    entityId: entityGlobalId(job.entityType, job.entityId),
    system: job.system,
    status: job.status as JobStatus,
    lastError: job.lastError
      ? ({
          status: null,
          code: null,
          fieldErrors: [],
          ...(job.lastError as object),
        } as unknown as SyncJob['lastError'])
      : null,
  };
}

export function conflictView(conflict: Conflict): SyncConflict {
  return {
    ...conflict,
    id: toGlobalId('SyncConflict', conflict.id),
    entityType: conflict.entityType as EntityKind,
    entityId: entityGlobalId(conflict.entityType, conflict.entityId),
    system: conflict.system,
    // Conflicts recorded before they carried their differences show the field names alone.
    differences:
      Array.isArray(conflict.differences) && conflict.differences.length > 0
        ? (conflict.differences as unknown as FieldDifference[])
        : conflict.fields.map((field) => ({ field, local: null, remote: null })),
    resolutions: Array.isArray(conflict.resolutions)
      ? (conflict.resolutions as unknown as ResolutionOption[])
      : [],
  };
}

function events<T extends LedgerEventType>(
  ctx: GraphQLContext,
  type: T,
  after: string | null | undefined,
  filter?: (event: Published) => boolean,
) {
  if (after != null && !/^\d+$/.test(after)) {
    throw new UserInputError(`"after" must be the seq of an event you received, e.g. "42".`, ['after']);
  }
  return ctx.sync.events.subscribe({ types: [type], after: after ?? null, ...(filter ? { filter } : {}) });
}

@Resolver()
export class SyncOpsResolver {
  @Authorized('operator')
  @Query(() => SyncJob, { nullable: true })
  async syncJob(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const job = await ctx.sync.outbox.find(expectGlobalId(id, 'SyncJob', ['id']));
    return job ? jobView(job) : null;
  }

  @Authorized('viewer')
  @Query(() => [SyncStatusEntry], {
    description: 'Per system and entity: poll cursor, last run, lag, pending and dead jobs.',
  })
  async syncStatus(@Ctx() ctx: GraphQLContext): Promise<SyncStatusEntry[]> {
    const [cursors, counts] = await Promise.all([ctx.sync.cursors.all(), ctx.sync.outbox.counts()]);
    const entries = new Map<string, SyncStatusEntry>();
    const entry = (system: string, tenant: string, entityType: string) => {
      const key = `${system}:${tenant}:${entityType}`;
      let found = entries.get(key);
      if (!found) {
        found = {
          system: system as SourceSystem,
          tenant,
          entityType: entityType as EntityKind,
          lastRunAt: null,
          lastSuccessAt: null,
          lagSeconds: null,
          lastError: null,
          cursor: null,
          pending: 0,
          dead: 0,
        };
        entries.set(key, found);
      }
      return found;
    };
    for (const c of cursors) {
      const e = entry(c.system, c.tenant, c.entityType);
      e.lastRunAt = c.lastRunAt;
      e.lastSuccessAt = c.lastSuccessAt;
      e.lastError = c.lastError;
      e.cursor = (c.cursor as { checkpoint?: unknown } | null)?.checkpoint ?? null;
      e.lagSeconds = c.lastSuccessAt ? Math.round((Date.now() - c.lastSuccessAt.getTime()) / 1000) : null;
    }
    for (const c of counts) {
      const e = entry(c.system, c.tenant, c.entityType);
      if (c.status === 'PENDING' || c.status === 'RUNNING') e.pending += c.count;
      if (c.status === 'DEAD') e.dead += c.count;
    }
    return [...entries.values()].sort((a, b) =>
      `${a.system}${a.entityType}`.localeCompare(`${b.system}${b.entityType}`),
    );
  }

  @Authorized('operator')
  @Mutation(() => ResolveConflictPayload, { description: 'Settles an open conflict one way or the other.' })
  async resolveConflict(
    @Arg('id', () => ID) id: string,
    @Arg('resolution', () => ConflictResolution) resolution: ConflictResolution,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ResolveConflictPayload> {
    const uuid = expectGlobalId(id, 'SyncConflict', ['id']);
    if (!ctx.sync.engine) {
      return {
        conflict: null,
        jobs: [],
        userErrors: [{ field: ['id'], code: 'NOT_CONNECTED', message: 'No system is connected.' }],
      };
    }
    const result = await ctx.sync.engine.resolveConflict(uuid, resolution, 'api');
    const conflict = await ctx.sync.conflicts.find(uuid);
    if (!result.ok) {
      return {
        conflict: conflict ? conflictView(conflict) : null,
        jobs: [],
        userErrors: [{ field: ['id'], code: 'NOT_OPEN', message: result.reason }],
      };
    }
    return {
      conflict: conflict ? conflictView(conflict) : null,
      jobs: result.jobs.map(jobView),
      userErrors: [],
    };
  }

  @Authorized('operator')
  @Mutation(() => ReplayPayload, { description: 'Puts dead letters back in the queue.' })
  async replayDeadLetters(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReplayPayload> {
    const uuids = ids.map((id, i) => expectGlobalId(id, 'SyncJob', ['ids', String(i)]));
    const replayed = await ctx.sync.outbox.replay(uuids);
    await ctx.sync.events.publish(replayed.map(jobUpdatedEvent));
    const done = new Set(replayed.map((j) => j.id));
    ctx.sync.poke();
    return {
      jobs: replayed.map(jobView),
      userErrors: uuids
        .map((id, i) => ({ id, i }))
        .filter(({ id }) => !done.has(id))
        .map(({ i }) => ({
          field: ['ids', String(i)],
          code: 'NOT_DEAD',
          message: `${ids[i]} is not a dead letter.`,
        })),
    };
  }

  @Authorized('operator')
  @Mutation(() => ReplayPayload, { description: 'Corrects a dead letter’s payload and replays it.' })
  async editDeadLetter(
    @Arg('id', () => ID) id: string,
    @Arg('payload', () => GraphQLJSON) payload: unknown,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReplayPayload> {
    const uuid = expectGlobalId(id, 'SyncJob', ['id']);
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
      return {
        jobs: [],
        userErrors: [{ field: ['payload'], code: 'INVALID', message: 'The payload is a JSON object.' }],
      };
    }
    // Checked against what the job pushes before it is queued again: a bad payload changes nothing.
    const job = await ctx.sync.outbox.find(uuid);
    const problems = job ? payloadProblems(job.entityType, payload) : [];
    if (problems.length)
      return {
        jobs: [],
        userErrors: problems.map((p) => ({
          field: ['payload', ...p.field],
          code: 'INVALID_PAYLOAD',
          message: p.message,
        })),
      };
    const replayed = await ctx.sync.outbox.replay([uuid], payload);
    await ctx.sync.events.publish(replayed.map(jobUpdatedEvent));
    ctx.sync.poke();
    if (replayed.length === 0) {
      return {
        jobs: [],
        userErrors: [{ field: ['id'], code: 'NOT_DEAD', message: `${id} is not a dead letter.` }],
      };
    }
    return { jobs: replayed.map(jobView), userErrors: [] };
  }

  @Authorized('viewer')
  @Subscription(() => EntityChangedEvent, {
    description: 'Records created, updated or deleted, from any source. Resume with `after`.',
    subscribe: ({ args, context }) => {
      const { types, sources, after } = args as { types?: EntityKind[]; sources?: string[]; after?: string };
      return events(context as GraphQLContext, 'ENTITY_CHANGED', after, (e) => {
        const event = e as Published<import('../../events/types.js').EntityChanged>;
        return (
          (!types?.length || types.includes(event.entityType as EntityKind)) &&
          (!sources?.length || sources.includes(event.source))
        );
      });
    },
  })
  entityChanged(
    @Root() event: Published<import('../../events/types.js').EntityChanged>,
    @Arg('types', () => [EntityKind], { nullable: true }) _types: EntityKind[] | null,
    @Arg('sources', () => [ChangeSource], { nullable: true }) _sources: ChangeSource[] | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): EntityChangedEvent {
    return {
      ...event,
      source: event.source as ChangeSource,
      entityType: event.entityType as EntityKind,
      entityId: entityGlobalId(event.entityType, event.entityId),
    };
  }

  @Authorized('operator')
  @Subscription(() => SyncJobEvent, {
    description: 'Every job state change. Resume with `after`.',
    subscribe: ({ args, context }) =>
      events(context as GraphQLContext, 'SYNC_JOB_UPDATED', (args as { after?: string }).after),
  })
  syncJobUpdated(
    @Root() event: Published<import('../../events/types.js').SyncJobUpdated>,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): SyncJobEvent {
    return {
      ...event,
      jobId: toGlobalId('SyncJob', event.jobId),
      entityType: event.entityType as EntityKind,
      entityId: entityGlobalId(event.entityType, event.entityId),
      system: event.system,
      status: event.status as JobStatus,
    };
  }

  @Authorized('operator')
  @Subscription(() => DeadLetterEvent, {
    description: 'A job became a dead letter. Resume with `after`.',
    subscribe: ({ args, context }) =>
      events(context as GraphQLContext, 'DEAD_LETTER_ADDED', (args as { after?: string }).after),
  })
  deadLetterAdded(
    @Root() event: Published<import('../../events/types.js').DeadLetterAdded>,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): DeadLetterEvent {
    return {
      ...event,
      jobId: toGlobalId('SyncJob', event.jobId),
      entityType: event.entityType as EntityKind,
      entityId: entityGlobalId(event.entityType, event.entityId),
      system: event.system,
    };
  }

  @Authorized('operator')
  @Subscription(() => ConflictEvent, {
    description: 'A conflict was recorded. Resume with `after`.',
    subscribe: ({ args, context }) =>
      events(context as GraphQLContext, 'CONFLICT_DETECTED', (args as { after?: string }).after),
  })
  conflictDetected(
    @Root() event: Published<import('../../events/types.js').ConflictDetected>,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): ConflictEvent {
    return {
      ...event,
      conflictId: toGlobalId('SyncConflict', event.conflictId),
      entityType: event.entityType as EntityKind,
      entityId: entityGlobalId(event.entityType, event.entityId),
      system: event.system,
    };
  }
}
