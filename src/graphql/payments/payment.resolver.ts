import { Authorized, Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { paymentWhere, sortFields } from '../../store/filters.js';
import type { GraphQLContext } from '../context.js';
import { PaymentFilter } from '../shared/filters.input.js';
import { PaymentOrder } from '../shared/order.input.js';
import { ConnectionArgs } from '../shared/paging.input.js';
import { connectionTypes } from '../shared/connection.type.js';
import { Bill, Invoice } from '../documents/document.type.js';
import { SortDirection } from '../shared/enums.js';
import { Customer, Vendor } from '../parties/party.type.js';
import { Payment } from './payment.type.js';
import { effectiveRate, realisedFxDifference, toBase } from '../../domain/fx.js';
import { Decimal } from '../../domain/money.js';
import { DecimalScalar } from '../scalars.js';
import { entityResolverBase } from '../shared/entity-base.js';
import { checkCurrency, checkRange, findOne, listPage, optionalId } from '../shared/query-helpers.js';

export const PaymentConnection = connectionTypes(Payment, 'Payment');
const defaultOrder: PaymentOrder = { field: 'DATE', direction: SortDirection.DESC };

@Resolver(() => Payment)
export class PaymentResolver extends entityResolverBase(Payment, 'Payment', 'payment') {
  @Authorized('viewer')
  @Query(() => PaymentConnection, { description: 'Payments from the mirror, paged.' })
  payments(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => PaymentFilter, { nullable: true }) filter: PaymentFilter | null,
    @Arg('orderBy', () => PaymentOrder, { nullable: true }) orderBy: PaymentOrder | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const f = filter ?? {};
    checkRange(f.dateFrom, f.dateTo, ['filter', 'dateTo']);
    checkRange(f.amountMin, f.amountMax, ['filter', 'amountMax']);
    checkCurrency(f.currency, ['filter', 'currency']);
    const where = paymentWhere({
      ...f,
      customerId: optionalId(f.customerId, 'Customer', ['filter', 'customerId']),
      vendorId: optionalId(f.vendorId, 'Vendor', ['filter', 'vendorId']),
      invoiceId: optionalId(f.invoiceId, 'Invoice', ['filter', 'invoiceId']),
      billId: optionalId(f.billId, 'Bill', ['filter', 'billId']),
    });
    return listPage(ctx, 'payment', where, sortFields.payment, orderBy ?? defaultOrder, page, (p) =>
      PaymentConnection.from(p),
    );
  }

  @Authorized('viewer')
  @Query(() => Payment, { nullable: true, description: 'One payment by id or Xero PaymentID.' })
  payment(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('xeroId', () => String, { nullable: true }) xeroId: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return findOne(ctx, 'payment', 'Payment', { id, xeroId });
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() payment: Payment, @Ctx() ctx: GraphQLContext) {
    return payment.customerId ? ctx.loaders.byId('customer').load(payment.customerId) : null;
  }

  @FieldResolver(() => Vendor, { nullable: true })
  vendor(@Root() payment: Payment, @Ctx() ctx: GraphQLContext) {
    return payment.vendorId ? ctx.loaders.byId('vendor').load(payment.vendorId) : null;
  }

  @FieldResolver(() => Invoice, { nullable: true })
  invoice(@Root() payment: Payment, @Ctx() ctx: GraphQLContext) {
    return payment.invoiceId ? ctx.loaders.byId('invoice').load(payment.invoiceId) : null;
  }

  @FieldResolver(() => Bill, { nullable: true })
  bill(@Root() payment: Payment, @Ctx() ctx: GraphQLContext) {
    return payment.billId ? ctx.loaders.byId('bill').load(payment.billId) : null;
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description:
      'The amount in base currency at the payment rate (amount / rate, to the cent). Null: foreign, no rate.',
  })
  baseAmount(@Root() payment: Payment, @Ctx() ctx: GraphQLContext) {
    const rate = effectiveRate(payment.currency, ctx.sync.baseCurrency, payment.currencyRate);
    return rate ? toBase(payment.amount, rate) : null;
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description:
      "Realised exchange gain (+) or loss (−) in base currency: the amount at the payment's rate against the document's, each rounded to the cent. Null when either rate is unknown.",
  })
  async realisedFxDifference(@Root() payment: Payment, @Ctx() ctx: GraphQLContext) {
    const base = ctx.sync.baseCurrency;
    if (payment.currency === base) return new Decimal(0);
    const doc = payment.invoiceId
      ? await ctx.loaders.byId('invoice').load(payment.invoiceId)
      : payment.billId
        ? await ctx.loaders.byId('bill').load(payment.billId)
        : null;
    const docRate = doc ? effectiveRate(doc.currency, base, doc.currencyRate) : null;
    return realisedFxDifference(payment.direction, payment.amount, docRate, payment.currencyRate);
  }
}
