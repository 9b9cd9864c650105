// The sync engine's lists as Relay connections, with their filters.
import { Field, InputType, registerEnumType } from 'type-graphql';
import { connectionTypes } from '../shared/connection.type.js';
import { SourceSystem } from '../shared/enums.js';
import { EntityKind, JobStatus, SyncConflict, SyncJob } from './sync-ops.type.js';

export const SyncJobConnection = connectionTypes(SyncJob, 'SyncJob');
export const SyncConflictConnection = connectionTypes(SyncConflict, 'SyncConflict');

export enum ConflictStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
registerEnumType(ConflictStatus, { name: 'ConflictStatus' });

@InputType({ description: 'Dead letters by target system and entity; all given conditions must hold.' })
export class DeadLetterFilter {
  @Field(() => [SourceSystem], { nullable: true, description: 'The system the job pushes to.' })
  system?: SourceSystem[] | null;

  @Field(() => [EntityKind], { nullable: true })
  entityType?: EntityKind[] | null;
}

@InputType({ description: 'Outbox jobs; all given conditions must hold.' })
export class SyncJobFilter extends DeadLetterFilter {
  @Field(() => [JobStatus], { nullable: true })
  status?: JobStatus[] | null;
}

@InputType({ description: 'Conflicts; all given conditions must hold.' })
export class ConflictFilter {
  @Field(() => [ConflictStatus], { nullable: true })
  status?: ConflictStatus[] | null;

  @Field(() => [EntityKind], { nullable: true })
  entityType?: EntityKind[] | null;

  @Field(() => [SourceSystem], { nullable: true, description: 'The system whose version differs.' })
  system?: SourceSystem[] | null;
}
