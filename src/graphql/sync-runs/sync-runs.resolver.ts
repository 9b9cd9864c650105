// Running and checking the sync through the API: a sync run on demand, rate budgets, the live
// totals reconciliation.
import { Authorized, Arg, Ctx, Extensions, Mutation, Query, Resolver } from 'type-graphql';
import { UserInputError } from '../../domain/errors.js';
import type { GraphQLContext } from '../context.js';
import { toGlobalId } from '../global-id.js';
import { SourceSystem } from '../shared/enums.js';
import { PartySide, RateBudget, ReconciliationReport, ResyncPayload, SyncEntity } from './sync-runs.type.js';

@Resolver()
export class SyncRunsResolver {
  @Authorized('operator')
  @Query(() => ReconciliationReport, {
    description:
      "Reads both books in full, live, and compares each customer's and vendor's invoiced and outstanding totals to the cent. Costs one upstream call per page of documents.",
  })
  // Priced high, and at most one per request (limits/complexity.ts): it spends the rate budget.
  @Extensions({ liveUpstream: true })
  async reconciliation(
    @Ctx() ctx: GraphQLContext,
    @Arg('onlyMismatches', () => Boolean, { defaultValue: false }) onlyMismatches: boolean,
  ): Promise<ReconciliationReport> {
    if (!ctx.sync.engine) throw new UserInputError('No system is connected to reconcile.', []);
    const report = await ctx.sync.engine.reconcile();
    return {
      checkedAt: report.checkedAt,
      mismatches: report.mismatches,
      pagesRead: Object.entries(report.pagesRead).map(([system, pages]) => ({
        system: system as SourceSystem,
        pages,
      })),
      rows: report.rows
        .filter((r) => !onlyMismatches || !r.matches)
        .map((r) => ({
          ...r,
          side: r.side as PartySide,
          partyId: r.partyId ? toGlobalId(r.side === 'CUSTOMER' ? 'Customer' : 'Vendor', r.partyId) : null,
        })),
    };
  }

  @Authorized('viewer')
  @Query(() => [RateBudget], {
    description: "What is left of each connected system's rate limits (no upstream call is made).",
  })
  async rateBudgets(@Ctx() ctx: GraphQLContext): Promise<RateBudget[]> {
    if (!ctx.sync.engine) return [];
    return (await ctx.sync.engine.rateBudgets()).map((b) => ({ ...b, system: b.system }));
  }

  @Authorized('operator')
  @Mutation(() => ResyncPayload, {
    description:
      'Reads an entity from a system now (full: everything, not just changes since the last run) and sends on what changed. Runs in the background unless wait is set; syncStatus shows its progress.',
  })
  async resync(
    @Ctx() ctx: GraphQLContext,
    @Arg('entity', () => SyncEntity) entity: SyncEntity,
    @Arg('system', () => SourceSystem) system: SourceSystem,
    @Arg('full', () => Boolean, { defaultValue: false }) full: boolean,
    @Arg('wait', () => Boolean, { defaultValue: false }) wait: boolean,
  ): Promise<ResyncPayload> {
    if (!ctx.sync.engine) throw new UserInputError('No system is connected to sync.', ['system']);
    const run = ctx.sync.engine.resync(system, entity, full);
    if (!run) throw new UserInputError(`${system} is not connected.`, ['system']);
    if (!wait) {
      // The run reports its own failure in syncStatus (the cursor keeps the error).
      run.promise.catch((error: unknown) => ctx.log.warn({ err: error, system, entity }, 'resync failed'));
      return { started: run.started, report: null };
    }
    const report = await run.promise;
    return { started: run.started, report: { ...report, linked: report.linked.length } };
  }
}
