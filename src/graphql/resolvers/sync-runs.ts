// Running and checking the sync through the API: the live totals reconciliation.
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { UserInputError } from '../../domain/errors.js';
import type { GraphQLContext } from '../context.js';
import { toGlobalId } from '../global-id.js';
import { SourceSystem } from '../types/enums.js';
import { PartySide, ReconciliationReport } from '../types/sync-runs.js';

@Resolver()
export class SyncRunsResolver {
  @Query(() => ReconciliationReport, {
    description:
      "Reads both books in full, live, and compares each customer's and vendor's invoiced and outstanding totals to the cent. Costs one upstream call per page of documents.",
  })
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
}
