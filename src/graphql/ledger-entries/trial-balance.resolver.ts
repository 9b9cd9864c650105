import { Authorized, Arg, Ctx, Query, Resolver } from 'type-graphql';
import { UserInputError } from '../../domain/errors.js';
import type { GraphQLContext } from '../context.js';
import { DateScalar } from '../scalars.js';
import { checkRange } from '../shared/query-helpers.js';
import { TrialBalance, TrialBalancePeriod } from './trial-balance.type.js';

@Resolver(() => TrialBalance)
export class TrialBalanceResolver {
  @Authorized('viewer')
  @Query(() => TrialBalance, {
    description:
      'Each account in both books side by side (NAV G/L No. ⇄ Xero code through the account lookups): debit, credit and balance per book and their difference, to the cent.',
  })
  async trialBalance(
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('accounts', () => [String], {
      nullable: true,
      description: 'Only rows with one of these codes (NAV G/L No. or Xero code).',
    })
    accounts: string[] | null,
    @Arg('period', () => TrialBalancePeriod, { defaultValue: TrialBalancePeriod.RANGE })
    period: TrialBalancePeriod,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TrialBalance> {
    checkRange(from, to, ['to']);
    accounts?.forEach((a, i) => {
      if (!a.trim()) throw new UserInputError('An account code is not empty.', ['accounts', i]);
    });
    const report = await ctx.sync.trialBalance({
      from,
      to,
      accounts: accounts ?? undefined,
      monthly: period === TrialBalancePeriod.MONTH,
    });
    return { ...report, navTotals: report.totals.nav, xeroTotals: report.totals.xero };
  }
}
