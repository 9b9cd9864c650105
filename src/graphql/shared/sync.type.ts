import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars.js';
import { SourceSystem, SyncStatus } from './enums.js';

@ObjectType({ description: 'The record as it exists in one source system.' })
export class SyncSource {
  @Field(() => SourceSystem)
  system!: SourceSystem;

  @Field(() => String, { description: 'Xero tenant id or NAV/BC company.' })
  tenant!: string;

  @Field(() => String, { description: 'Xero GUID, NAV No. / key, or BC id.' })
  externalId!: string;

  @Field(() => String, { nullable: true, description: 'The human number over there, when it differs.' })
  externalNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Version or etag last seen.' })
  version!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  remoteUpdatedAt!: Date | null;
}

@ObjectType({ description: 'How fresh a record is and where it lives.' })
export class SyncInfo {
  @Field(() => SyncStatus)
  status!: SyncStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  lastSyncedAt!: Date | null;

  @Field(() => [SyncSource])
  sources!: SyncSource[];
}
