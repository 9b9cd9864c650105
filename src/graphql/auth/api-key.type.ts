// An API key as admins see it: never the key, only its prefix, role and use.
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Role } from '../../auth/roles.js';
import { DateTimeScalar } from '../scalars.js';

export const RoleEnum = {
  VIEWER: 'viewer',
  ACCOUNTANT: 'accountant',
  OPERATOR: 'operator',
  ADMIN: 'admin',
} as const satisfies Record<string, Role>;
registerEnumType(RoleEnum, { name: 'Role', description: 'Each role includes the ones before it.' });

@ObjectType({ description: 'An API key (created, rotated and revoked with `ledgerbridge keys`).' })
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => RoleEnum)
  role!: Role;

  @Field(() => String, {
    description: 'The first characters of the key, enough to recognise it; not a secret.',
  })
  prefix!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  rotatedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Recorded at most once a minute.' })
  lastUsedAt!: Date | null;
}
