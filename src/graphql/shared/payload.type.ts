// The one payload type of the mutations that write a record, built per record type.
import { Field, ObjectType, type ClassType } from 'type-graphql';
import { SyncJob, UserError } from '../sync-ops/sync-ops.type.js';

export interface MutationPayloadShape<T> {
  record: T | null;
  jobs: SyncJob[];
  userErrors: UserError[];
}

/**
 * The payload of a mutation that writes one record: the record (null when the change was
 * refused), the pushes it queued and what was refused. `name` is the GraphQL type name;
 * `jobsDescription` describes the jobs where a mutation's are worth explaining.
 */
export function MutationPayload<T extends object>(
  recordType: ClassType<T>,
  name: string,
  options: { jobsDescription?: string } = {},
) {
  @ObjectType(name)
  class Payload implements MutationPayloadShape<T> {
    @Field(() => recordType, { nullable: true })
    record!: T | null;

    @Field(() => [SyncJob], options.jobsDescription ? { description: options.jobsDescription } : {})
    jobs!: SyncJob[];

    @Field(() => [UserError])
    userErrors!: UserError[];
  }
  return Payload;
}
