// Writing documents and payments: validate, write the mirror and the outbox in one transaction,
// push (the customer or vendor first, the document before its payment).
import { Authorized, Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { UserInputError } from '../../domain/errors.js';
import type { ChangeResult } from '../../sync/pipelines/change-support.js';
import type { DocumentKind } from '../../store/documents.js';
import type { GraphQLContext } from '../context.js';
import { expectGlobalId, fromGlobalId } from '../global-id.js';
import { DocumentInput, PaymentInput, SalesOrderInput } from './document.input.js';
import { MutationOptions } from '../master-data/master-data.input.js';
import { Bill, Invoice } from './document.type.js';
import { Payment } from '../payments/payment.type.js';
import { SalesOrder } from './document.type.js';
import { jobView } from '../sync-ops/sync-ops.resolver.js';
import { MutationPayload } from '../shared/payload.type.js';
import { maybeWait } from '../shared/wait-for-jobs.js';

export const InvoicePayload = MutationPayload(Invoice, 'InvoicePayload', {
  jobsDescription: 'One push per target system (and the customer, when it goes first).',
});
export type InvoicePayload = InstanceType<typeof InvoicePayload>;
export const BillPayload = MutationPayload(Bill, 'BillPayload');
export type BillPayload = InstanceType<typeof BillPayload>;
export const PaymentPayload = MutationPayload(Payment, 'PaymentPayload');
export type PaymentPayload = InstanceType<typeof PaymentPayload>;
export const SalesOrderPayload = MutationPayload(SalesOrder, 'SalesOrderPayload');
export type SalesOrderPayload = InstanceType<typeof SalesOrderPayload>;

async function present(
  ctx: GraphQLContext,
  key: DocumentKind | 'payment' | 'salesOrder',
  result: ChangeResult<{ id: string }>,
  wait: boolean,
) {
  const jobs = await maybeWait(ctx, result.jobs, wait);
  const record = result.record
    ? (await ctx.reader.byIds(key, [result.record.id])).get(result.record.id)
    : null;
  return { record: (record ?? null) as never, jobs: jobs.map(jobView), userErrors: result.userErrors };
}

/** The input with global ids turned into record ids (a wrong id is a typed error naming the field). */
function documentFields(kind: DocumentKind, input: DocumentInput) {
  const party = kind === 'invoice' ? input.customerId : input.vendorId;
  const field = kind === 'invoice' ? 'customerId' : 'vendorId';
  if (!party) throw new UserInputError(`${field} is required.`, ['input', field]);
  return {
    ...input,
    partyId: expectGlobalId(party, kind === 'invoice' ? 'Customer' : 'Vendor', ['input', field]),
    lines: input.lines.map((line, i) => ({
      ...line,
      itemId: line.itemId ? expectGlobalId(line.itemId, 'Item', ['input', 'lines', i, 'itemId']) : null,
    })),
  };
}

@Resolver()
export class DocumentMutations {
  @Authorized('accountant')
  @Mutation(() => InvoicePayload, {
    description:
      'Creates a sales invoice and sends it to the target systems (Xero: approved ACCREC; NAV: posted), its customer first.',
  })
  async createInvoice(
    @Arg('input', () => DocumentInput) input: DocumentInput,
    @Arg('options', () => MutationOptions, { nullable: true }) options: MutationOptions | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InvoicePayload> {
    const result = await ctx.sync.documentChanges.create(
      'invoice',
      documentFields('invoice', input),
      options ?? {},
    );
    return present(ctx, 'invoice', result, options?.wait ?? false);
  }

  @Authorized('accountant')
  @Mutation(() => InvoicePayload, {
    description:
      'Changes an invoice that is neither paid, voided nor posted in NAV, everywhere it is (a credit note is the way otherwise).',
  })
  async updateInvoice(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => DocumentInput) input: DocumentInput,
    @Arg('options', () => MutationOptions, { nullable: true }) options: MutationOptions | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InvoicePayload> {
    const uuid = expectGlobalId(id, 'Invoice', ['id']);
    const result = await ctx.sync.documentChanges.update(
      'invoice',
      uuid,
      documentFields('invoice', input),
      options ?? {},
    );
    return present(ctx, 'invoice', result, options?.wait ?? false);
  }

  @Authorized('accountant')
  @Mutation(() => InvoicePayload, {
    description:
      'Voids an unpaid invoice in Xero. A posted NAV invoice cannot be voided: a conflict proposing a credit note is recorded instead.',
  })
  async voidInvoice(
    @Arg('id', () => ID) id: string,
    @Arg('options', () => MutationOptions, { nullable: true }) options: MutationOptions | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InvoicePayload> {
    const result = await ctx.sync.documentChanges.void(expectGlobalId(id, 'Invoice', ['id']), options ?? {});
    return present(ctx, 'invoice', result, options?.wait ?? false);
  }

  @Authorized('accountant')
  @Mutation(() => BillPayload, {
    description: 'Creates a purchase bill and sends it to the target systems, its vendor first.',
  })
  async createBill(
    @Arg('input', () => DocumentInput) input: DocumentInput,
    @Arg('options', () => MutationOptions, { nullable: true }) options: MutationOptions | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BillPayload> {
    const result = await ctx.sync.documentChanges.create(
      'bill',
      documentFields('bill', input),
      options ?? {},
    );
    return present(ctx, 'bill', result, options?.wait ?? false);
  }

  @Authorized('accountant')
  @Mutation(() => PaymentPayload, {
    description:
      'Records money received against an invoice or paid against a bill, in every system the document is in (after it).',
  })
  async recordPayment(
    @Arg('input', () => PaymentInput) input: PaymentInput,
    @Arg('options', () => MutationOptions, { nullable: true }) options: MutationOptions | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PaymentPayload> {
    const parsed = fromGlobalId(input.documentId);
    if (!parsed || (parsed.typeName !== 'Invoice' && parsed.typeName !== 'Bill'))
      throw new UserInputError(`${input.documentId} is not an invoice or bill id.`, ['input', 'documentId']);
    const result = await ctx.sync.documentChanges.recordPayment(
      { ...input, documentId: parsed.id },
      options ?? {},
    );
    return present(ctx, 'payment', result, options?.wait ?? false);
  }

  @Authorized('accountant')
  @Mutation(() => SalesOrderPayload, {
    description: 'Creates an open sales order in NAV (its customer first); Xero keeps no orders.',
  })
  async createSalesOrder(
    @Arg('input', () => SalesOrderInput) input: SalesOrderInput,
    @Arg('options', () => MutationOptions, { nullable: true }) options: MutationOptions | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SalesOrderPayload> {
    const fields = {
      ...input,
      partyId: expectGlobalId(input.customerId, 'Customer', ['input', 'customerId']),
      lines: input.lines.map((line, i) => ({
        ...line,
        itemId: line.itemId ? expectGlobalId(line.itemId, 'Item', ['input', 'lines', i, 'itemId']) : null,
      })),
    };
    const result = await ctx.sync.documentChanges.createSalesOrder(fields, options ?? {});
    return present(ctx, 'salesOrder', result, options?.wait ?? false);
  }
}
