// The sync engine as seen through GraphQL: jobs, their attempts, dead letters, conflicts, events.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { DateTimeScalar } from '../scalars.js';
import { SourceSystem } from '../shared/enums.js';
import { FieldDifference, ResolutionOption } from './conflict-detail.type.js';

export enum JobStatus {
  PENDING = 'PENDING',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  DEAD = 'DEAD',
  CANCELLED = 'CANCELLED',
}
registerEnumType(JobStatus, {
  name: 'JobStatus',
  valuesConfig: {
    DEAD: { description: 'A dead letter: it keeps its payload and every attempt; edit and replay it.' },
    CANCELLED: { description: 'Stopped by a recorded conflict.' },
  },
});

export enum EntityKind {
  CUSTOMER = 'CUSTOMER',
  VENDOR = 'VENDOR',
  ITEM = 'ITEM',
  SALES_ORDER = 'SALES_ORDER',
  INVOICE = 'INVOICE',
  BILL = 'BILL',
  PAYMENT = 'PAYMENT',
  LEDGER_ENTRY = 'LEDGER_ENTRY',
  DIMENSION = 'DIMENSION',
  DIMENSION_VALUE = 'DIMENSION_VALUE',
}
registerEnumType(EntityKind, { name: 'EntityKind' });

export enum ChangeSource {
  GATEWAY = 'GATEWAY',
  XERO = 'XERO',
  NAV = 'NAV',
}
registerEnumType(ChangeSource, {
  name: 'ChangeSource',
  description: 'Where a change came from: this API, or a source system.',
});

@ObjectType({ description: 'A field the target system refused, and why.' })
export class SyncFieldError {
  @Field(() => String)
  field!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: 'Why the last attempt failed, classified.' })
export class SyncError {
  @Field(() => String, {
    description: 'auth, validation, conflict, rate-limited, transient, unknown-outcome, internal',
  })
  kind!: string;

  @Field(() => String)
  message!: string;

  @Field(() => Int, { nullable: true })
  status!: number | null;

  @Field(() => String, { nullable: true })
  code!: string | null;

  @Field(() => [SyncFieldError])
  fieldErrors!: SyncFieldError[];
}

@ObjectType()
export class SyncAttempt {
  @Field(() => Int)
  attempt!: number;

  @Field(() => String)
  workerId!: string;

  @Field(() => DateTimeScalar)
  startedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { description: 'succeeded, retry, deferred, dead or conflict' })
  outcome!: string;

  @Field(() => String, { nullable: true })
  errorKind!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The upstream response, as received.' })
  upstream!: unknown;
}

@ObjectType({ description: 'One change to push to one system (the outbox).' })
export class SyncJob {
  @Field(() => ID)
  id!: string;

  @Field(() => EntityKind)
  entityType!: EntityKind;

  @Field(() => ID, { description: 'Global id of the record the job pushes.' })
  entityId!: string;

  @Field(() => SourceSystem)
  system!: SourceSystem;

  @Field(() => String)
  tenant!: string;

  @Field(() => String)
  operation!: string;

  @Field(() => JobStatus)
  status!: JobStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int)
  maxAttempts!: number;

  @Field(() => DateTimeScalar, { description: 'Not tried again before this instant.' })
  runAfter!: Date;

  @Field(() => SyncError, { nullable: true })
  lastError!: SyncError | null;

  @Field(() => GraphQLJSON, { description: 'The record as it will be sent.' })
  payload!: unknown;

  @Field(() => String, {
    nullable: true,
    description:
      'Who caused it: the caller of the mutation that enqueued it ("key:<id> <name>", "token:<subject> <name>", "local"), as in the audit log; null when polling or a webhook did.',
  })
  actor!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  deadAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  completedAt!: Date | null;
}

@ObjectType({ description: 'Both sides changed since the last sync; a person decides.' })
export class SyncConflict {
  @Field(() => ID)
  id!: string;

  @Field(() => EntityKind)
  entityType!: EntityKind;

  @Field(() => ID)
  entityId!: string;

  @Field(() => SourceSystem)
  system!: SourceSystem;

  @Field(() => [String], { description: 'The fields that differ (dotted paths); never empty.' })
  fields!: string[];

  @Field(() => GraphQLJSON, { description: 'Our version.' })
  local!: unknown;

  @Field(() => GraphQLJSON, { description: "The system's version (or what it said); never empty." })
  remote!: unknown;

  @Field(() => [FieldDifference], {
    description: 'Each field that differs, with our value and the system’s.',
  })
  differences!: FieldDifference[];

  @Field(() => [ResolutionOption], { description: 'What each resolution would write to which system.' })
  resolutions!: ResolutionOption[];

  @Field(() => String, { description: 'OPEN or RESOLVED' })
  status!: string;

  @Field(() => String, { nullable: true })
  resolution!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  resolvedAt!: Date | null;
}

@ObjectType()
abstract class LoggedEvent {
  @Field(() => String, { description: 'Position in the event log; resume with `after: seq`.' })
  seq!: string;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;
}

/** An event about one record and one system. */
@ObjectType()
abstract class SystemEvent extends LoggedEvent {
  @Field(() => EntityKind)
  entityType!: EntityKind;

  @Field(() => ID)
  entityId!: string;

  @Field(() => SourceSystem)
  system!: SourceSystem;
}

@ObjectType()
export class EntityChangedEvent extends LoggedEvent {
  @Field(() => EntityKind)
  entityType!: EntityKind;

  @Field(() => ID, { description: 'Global id of the changed record.' })
  entityId!: string;

  @Field(() => String, { description: 'CREATED, UPDATED or DELETED' })
  change!: string;

  @Field(() => ChangeSource)
  source!: ChangeSource;
}

@ObjectType()
export class SyncJobEvent extends SystemEvent {
  @Field(() => ID)
  jobId!: string;

  @Field(() => JobStatus)
  status!: JobStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;
}

@ObjectType()
export class DeadLetterEvent extends SystemEvent {
  @Field(() => ID)
  jobId!: string;

  @Field(() => String)
  reason!: string;
}

@ObjectType()
export class ConflictEvent extends SystemEvent {
  @Field(() => ID)
  conflictId!: string;

  @Field(() => [String])
  fields!: string[];
}

@ObjectType()
export class ReplayPayload {
  @Field(() => [SyncJob])
  jobs!: SyncJob[];

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ description: 'Something in the input that cannot be accepted; nothing was changed.' })
export class UserError {
  @Field(() => [String], { description: 'Path of the input field.' })
  field!: string[];

  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: 'Where reading and pushing stand for one system and entity.' })
export class SyncStatusEntry {
  @Field(() => SourceSystem)
  system!: SourceSystem;

  @Field(() => String)
  tenant!: string;

  @Field(() => EntityKind)
  entityType!: EntityKind;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Start of the last poll.' })
  lastRunAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'End of the last poll that read to the end.' })
  lastSuccessAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Seconds since the last complete poll.' })
  lagSeconds!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The resume point of an unfinished poll.' })
  cursor!: unknown;

  @Field(() => Int, { description: 'Jobs queued or running towards this system for this entity.' })
  pending!: number;

  @Field(() => Int, { description: 'Dead letters towards this system for this entity.' })
  dead!: number;
}

export enum ConflictResolution {
  KEEP_LOCAL = 'KEEP_LOCAL',
  KEEP_REMOTE = 'KEEP_REMOTE',
}
registerEnumType(ConflictResolution, {
  name: 'ConflictResolution',
  valuesConfig: {
    KEEP_LOCAL: { description: 'Push our version again over what the system holds now.' },
    KEEP_REMOTE: { description: "Take the system's version into the mirror (and on to the other systems)." },
  },
});

@ObjectType()
export class ResolveConflictPayload {
  @Field(() => SyncConflict, { nullable: true })
  conflict!: SyncConflict | null;

  @Field(() => [SyncJob])
  jobs!: SyncJob[];

  @Field(() => [UserError])
  userErrors!: UserError[];
}
