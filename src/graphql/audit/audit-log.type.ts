// The audit trail as admins read it: who did what, when, with which arguments (secrets redacted),
// how it ended, and the chain fields that make it tamper-evident.
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars.js';

@ObjectType('AuditActor', {
  description: 'Who acted: an API key, an OIDC subject, the local admin or the CLI.',
})
export class AuditActorView {
  @Field(() => String, { description: 'key, token, local, cli or anonymous (a refused credential).' })
  kind!: string;

  @Field(() => String, {
    nullable: true,
    description: "The key's id, the token's subject, the OS user; for a refused unknown key, its prefix.",
  })
  id!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'viewer, accountant, operator or admin.' })
  role!: string | null;
}

@ObjectType({ description: 'One entry of the append-only, hash-chained audit trail.' })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Position in the chain: 1, 2, 3… without gaps.' })
  seq!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => AuditActorView)
  actor!: AuditActorView;

  @Field(() => String, {
    description: 'The mutation field(s), comma-separated; authenticate or connection_init; the CLI command.',
  })
  operation!: string;

  @Field(() => GraphQLJSON, { description: 'The arguments as executed, secrets redacted.' })
  arguments!: unknown;

  @Field(() => String, {
    description: 'ok; the error code (FORBIDDEN, BAD_USER_INPUT…); or userErrors:<codes>.',
  })
  outcome!: string;

  @Field(() => [String], { description: 'Ids of the records and jobs the answer named.' })
  touched!: string[];

  @Field(() => String, { nullable: true, description: 'The x-request-id of the request.' })
  requestId!: string | null;

  @Field(() => String, { nullable: true })
  clientAddress!: string | null;

  @Field(() => String)
  prevHash!: string;

  @Field(() => String, { description: 'sha256 over the canonical entry and prevHash.' })
  hash!: string;
}

@InputType({ description: 'Audit trail filters; all given conditions must hold.' })
export class AuditLogFilter {
  @Field(() => String, {
    nullable: true,
    description: "The actor's id, name or kind (key, token, local, cli, anonymous), exactly.",
  })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'One mutation field or CLI command, exactly.' })
  operation?: string | null;

  @Field(() => String, { nullable: true, description: 'ok, or a code the outcome contains.' })
  outcome?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'At or after.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'At or before.' })
  to?: Date | null;
}
