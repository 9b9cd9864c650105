// What a conflict shows a person: each field that differs with both values, and what each way of
// resolving it would write to which system (or what a person must do there).
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';

@ObjectType({ description: 'One field that differs between our version and the system’s.' })
export class FieldDifference {
  @Field(() => String, { description: 'Dotted path in the unified record, e.g. `lines[2].unitPrice`.' })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Our value (decimals as strings).' })
  local!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value the system holds.' })
  remote!: unknown;
}

export enum ResolutionAction {
  UPDATE = 'UPDATE',
  CREATE = 'CREATE',
  NONE = 'NONE',
  MANUAL = 'MANUAL',
}
registerEnumType(ResolutionAction, {
  name: 'ResolutionAction',
  valuesConfig: {
    NONE: { description: 'Nothing is written there.' },
    MANUAL: {
      description: 'A person acts in that system (the gateway cannot write it); the gateway follows.',
    },
  },
});

@ObjectType({ description: 'One write a resolution would make.' })
export class ResolutionWrite {
  @Field(() => String, { description: 'GATEWAY (the mirror) or a system: XERO, NAV.' })
  system!: string;

  @Field(() => ResolutionAction)
  action!: ResolutionAction;

  @Field(() => String)
  summary!: string;
}

@ObjectType({ description: 'What choosing one resolution would write where.' })
export class ResolutionOption {
  @Field(() => String, { description: 'A ConflictResolution value: KEEP_LOCAL or KEEP_REMOTE.' })
  resolution!: string;

  @Field(() => [ResolutionWrite])
  writes!: ResolutionWrite[];
}
