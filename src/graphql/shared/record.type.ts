// Fields every mirrored record has. `id` and `sync` are resolved per type (global id, links).
import { Field, ObjectType } from 'type-graphql';
import type { RecordMeta, SyncStatus } from '../../domain/common.js';
import { DateTimeScalar } from '../scalars.js';

@ObjectType()
export abstract class MirroredRecord implements RecordMeta {
  /** The uuid in our store; exposed to clients only as a global id. */
  id!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the mirror last changed this record.' })
  updatedAt!: Date;

  syncStatus!: SyncStatus;
  lastSyncedAt!: Date | null;
}
