// Writing master data: validate, write the mirror and the outbox in one transaction, push.
import { Authorized, Arg, Ctx, Extensions, ID, Mutation, Resolver } from 'type-graphql';
import { UserInputError } from '../../domain/errors.js';
import { fromGlobalId } from '../global-id.js';
import { Node, typenameKey } from '../shared/node.type.js';
import type { ChangeResult } from '../../sync/pipelines/master-data/accept.js';
import type { GraphQLContext } from '../context.js';
import { expectGlobalId } from '../global-id.js';
import { ItemInput, MutationOptions, PartyInput } from './master-data.input.js';
import { Item } from '../items/item.type.js';
import { Customer, Vendor } from '../parties/party.type.js';
import { jobView } from '../sync-ops/sync-ops.resolver.js';
import { MutationPayload } from '../shared/payload.type.js';
import { maybeWait } from '../shared/wait-for-jobs.js';

export const CustomerPayload = MutationPayload(Customer, 'CustomerPayload', {
  jobsDescription: 'One push per target system.',
});
export type CustomerPayload = InstanceType<typeof CustomerPayload>;
export const VendorPayload = MutationPayload(Vendor, 'VendorPayload');
export type VendorPayload = InstanceType<typeof VendorPayload>;
export const ItemPayload = MutationPayload(Item, 'ItemPayload');
export type ItemPayload = InstanceType<typeof ItemPayload>;

async function present<T extends { id: string }>(
  ctx: GraphQLContext,
  key: 'customer' | 'vendor' | 'item',
  result: ChangeResult<T>,
  wait: boolean,
) {
  const jobs = await maybeWait(ctx, result.jobs, wait);
  const record = result.record && wait ? await ctx.reader.byIds(key, [result.record.id]) : null;
  return {
    record: (record?.get(result.record?.id ?? '') ?? result.record) as never,
    jobs: jobs.map(jobView),
    userErrors: result.userErrors,
  };
}

function idOf(input: { id?: string | null }, typeName: string): string | null {
  return input.id ? expectGlobalId(input.id, typeName, ['input', 'id']) : null;
}

const refreshable: Record<string, 'customer' | 'vendor' | 'item'> = {
  Customer: 'customer',
  Vendor: 'vendor',
  Item: 'item',
};

@Resolver()
export class MasterDataMutations {
  @Authorized('operator')
  @Mutation(() => [Node], {
    description:
      'Re-reads records live from the systems they are linked to (one call per system) and updates the mirror.',
  })
  @Extensions({ liveUpstream: true })
  async refresh(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: GraphQLContext) {
    if (!ctx.sync.engine) throw new UserInputError('No system is connected to refresh from.', ['ids']);
    const wanted = ids.map((id, i) => {
      const parsed = fromGlobalId(id);
      const entity = parsed ? refreshable[parsed.typeName] : undefined;
      if (!parsed || !entity)
        throw new UserInputError(`${id} is not a customer, vendor or item id.`, ['ids', i]);
      return { entity, id: parsed.id, typeName: parsed.typeName };
    });
    for (const entity of ['customer', 'vendor', 'item'] as const) {
      const entityIds = wanted.filter((w) => w.entity === entity).map((w) => w.id);
      if (entityIds.length) await ctx.sync.engine.refresh(entity, entityIds);
    }
    const records = await Promise.all(
      wanted.map(async (w) => {
        const found = (await ctx.reader.byIds(w.entity, [w.id])).get(w.id);
        return found ? { ...found, [typenameKey]: w.typeName } : null;
      }),
    );
    return records.filter((r) => r !== null);
  }

  @Authorized('accountant')
  @Mutation(() => CustomerPayload, {
    description: 'Creates or updates a customer and pushes it to the target systems.',
  })
  async upsertCustomer(
    @Arg('input', () => PartyInput) input: PartyInput,
    @Arg('options', () => MutationOptions, { nullable: true }) options: MutationOptions | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CustomerPayload> {
    const result = await ctx.sync.changes.upsertCustomer(idOf(input, 'Customer'), input, options ?? {});
    return present(ctx, 'customer', result, options?.wait ?? false);
  }

  @Authorized('accountant')
  @Mutation(() => VendorPayload, {
    description: 'Creates or updates a vendor and pushes it to the target systems.',
  })
  async upsertVendor(
    @Arg('input', () => PartyInput) input: PartyInput,
    @Arg('options', () => MutationOptions, { nullable: true }) options: MutationOptions | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<VendorPayload> {
    const result = await ctx.sync.changes.upsertVendor(
      idOf(input, 'Vendor'),
      { ...input, creditLimit: null },
      options ?? {},
    );
    return present(ctx, 'vendor', result, options?.wait ?? false);
  }

  @Authorized('accountant')
  @Mutation(() => ItemPayload, {
    description: 'Creates or updates an item and pushes it to the target systems.',
  })
  async upsertItem(
    @Arg('input', () => ItemInput) input: ItemInput,
    @Arg('options', () => MutationOptions, { nullable: true }) options: MutationOptions | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ItemPayload> {
    const result = await ctx.sync.changes.upsertItem(idOf(input, 'Item'), input, options ?? {});
    return present(ctx, 'item', result, options?.wait ?? false);
  }
}
