// The trial balance as the API shows it: both books side by side per account (and month).
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Decimal } from '../../domain/money.js';
import { DateScalar, DecimalScalar } from '../scalars.js';

export enum TrialBalancePeriod {
  RANGE = 'RANGE',
  MONTH = 'MONTH',
}
registerEnumType(TrialBalancePeriod, {
  name: 'TrialBalancePeriod',
  description: 'RANGE: one row per account for the whole range; MONTH: one per account and month.',
});

@ObjectType({ description: "One book's side of a trial balance row." })
export class TrialBalanceBook {
  @Field(() => [String], { description: "The book's own account codes in the row." })
  accounts!: string[];

  @Field(() => DecimalScalar)
  debit!: Decimal;

  @Field(() => DecimalScalar)
  credit!: Decimal;

  @Field(() => DecimalScalar, { description: 'Debit minus credit.' })
  balance!: Decimal;

  @Field(() => Int, { description: 'Ledger entries summed.' })
  entries!: number;
}

@ObjectType({ description: 'An account (paired through the account lookups) in both books.' })
export class TrialBalanceRow {
  @Field(() => DateScalar, {
    nullable: true,
    description: 'First day of the month; null for the whole range.',
  })
  period!: string | null;

  @Field(() => String, {
    description:
      'The Xero account code the row pairs on, or the NAV G/L No. of an account Xero has no code for.',
  })
  account!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => [String], {
    description: 'NAV G/L Nos. in the row (the lookups may map several to one Xero code).',
  })
  navAccounts!: string[];

  @Field(() => String, { nullable: true })
  xeroAccount!: string | null;

  @Field(() => Boolean, {
    description: 'False: the lookup tables do not pair this account with the other book.',
  })
  mapped!: boolean;

  @Field(() => TrialBalanceBook, { nullable: true, description: 'Null: NAV has no entry on the account.' })
  nav!: TrialBalanceBook | null;

  @Field(() => TrialBalanceBook, { nullable: true, description: 'Null: Xero has no entry on the account.' })
  xero!: TrialBalanceBook | null;

  @Field(() => DecimalScalar, { description: "NAV's balance minus Xero's (a missing side counts as zero)." })
  difference!: Decimal;

  @Field(() => Boolean, { description: 'The balances agree to the cent.' })
  matches!: boolean;
}

@ObjectType()
export class TrialBalanceTotals {
  @Field(() => DecimalScalar)
  debit!: Decimal;

  @Field(() => DecimalScalar)
  credit!: Decimal;
}

@ObjectType({ description: 'Both books side by side, from the mirror’s ledger entries.' })
export class TrialBalance {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [TrialBalanceRow])
  rows!: TrialBalanceRow[];

  @Field(() => Int)
  mismatches!: number;

  @Field(() => TrialBalanceTotals, {
    description: "NAV's debits and credits over the range (equal in a balanced book).",
  })
  navTotals!: TrialBalanceTotals;

  @Field(() => TrialBalanceTotals, { description: "Xero's debits and credits over the range." })
  xeroTotals!: TrialBalanceTotals;
}
