// Fields every entity type resolves the same way: its global id and its sync metadata.
import { Ctx, FieldResolver, ID, Resolver, Root, type ClassType } from 'type-graphql';
import type { EntityKey } from '../../store/entities.js';
import type { GraphQLContext } from '../context.js';
import { toGlobalId } from '../global-id.js';
import { SyncInfo } from './sync.type.js';
import type { SyncStatus } from './enums.js';

interface Mirrored {
  id: string;
  syncStatus: string;
  lastSyncedAt: Date | null;
}

export function entityResolverBase(typeClass: ClassType, typeName: string, key: EntityKey) {
  @Resolver(() => typeClass)
  abstract class EntityResolverBase {
    @FieldResolver(() => ID, { description: 'Opaque global id; pass it to node(id).' })
    id(@Root() record: Mirrored): string {
      return toGlobalId(typeName, record.id);
    }

    @FieldResolver(() => SyncInfo, { description: 'Freshness and where the record lives upstream.' })
    async sync(@Root() record: Mirrored, @Ctx() ctx: GraphQLContext): Promise<SyncInfo> {
      const sources = await ctx.loaders.externalRefs(key).load(record.id);
      return {
        status: record.syncStatus as SyncStatus,
        lastSyncedAt: record.lastSyncedAt,
        sources: sources.map((s) => ({ ...s, system: s.system })),
        // Read only when a client asks for it (a getter: the loader batches the page's records).
        get targets() {
          return ctx.loaders
            .syncTargets(key)
            .load(record.id)
            .then((targets) =>
              targets.map((t) => ({ ...t, jobId: t.jobId ? toGlobalId('SyncJob', t.jobId) : null })),
            );
        },
      };
    }
  }
  return EntityResolverBase;
}
