// A record's money in the books' base currency: document amount / rate, rounded half-up to the
// cent, as Xero and NAV (Amount (LCY)) each post it.
import { Field, ObjectType } from 'type-graphql';
import { effectiveRate, toBase } from '../../domain/fx.js';
import type { Decimal } from '../../domain/money.js';
import { DecimalScalar } from '../scalars.js';

@ObjectType({
  description: 'A document in base currency. Null amounts: a foreign document without a rate yet.',
})
export class BaseCurrencyAmounts {
  @Field(() => String, { description: 'The base currency (NAV LCY, the Xero organisation base).' })
  currency!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The rate used: 1 for a base-currency document.',
  })
  rate!: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  subTotal!: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  totalTax!: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  total!: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  amountDue!: Decimal | null;
}

interface Convertible {
  currency: string;
  currencyRate: Decimal | null;
  subTotal: Decimal;
  totalTax: Decimal;
  total: Decimal;
  amountDue: Decimal;
}

/** The document's amounts in base currency, each converted and rounded on its own. */
export function baseCurrencyAmounts(doc: Convertible, baseCurrency: string): BaseCurrencyAmounts {
  const rate = effectiveRate(doc.currency, baseCurrency, doc.currencyRate);
  const convert = (amount: Decimal) => (rate ? toBase(amount, rate) : null);
  return {
    currency: baseCurrency,
    rate,
    subTotal: convert(doc.subTotal),
    totalTax: convert(doc.totalTax),
    total: convert(doc.total),
    amountDue: convert(doc.amountDue),
  };
}
