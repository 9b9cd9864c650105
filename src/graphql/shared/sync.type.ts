import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars.js';
import { SourceSystem, SyncStatus, TargetSyncState } from './enums.js';

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

@ObjectType({ description: 'Where the record stands in one system it is synced with.' })
export class SyncTarget {
  @Field(() => SourceSystem)
  system!: SourceSystem;

  @Field(() => String, { description: 'Xero tenant id or NAV/BC company.' })
  tenant!: string;

  @Field(() => TargetSyncState)
  state!: TargetSyncState;

  @Field(() => ID, {
    nullable: true,
    description:
      'Global id of the latest job for this record there (the dead letter to replay when REFUSED); null when it was read from there.',
  })
  jobId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it is not synced there, in that system’s words.' })
  reason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it reached this state.' })
  at!: Date | null;
}

@ObjectType({ description: 'How fresh a record is and where it lives.' })
export class SyncInfo {
  @Field(() => SyncStatus)
  status!: SyncStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  lastSyncedAt!: Date | null;

  @Field(() => [SyncSource], { description: 'The systems that hold it.' })
  sources!: SyncSource[];

  @Field(() => [SyncTarget], {
    description:
      'Each system it is in or on its way to, with its state there: which book committed it and which refused it.',
  })
  targets!: SyncTarget[] | Promise<SyncTarget[]>;
}
