import { Field, ID, InterfaceType } from 'type-graphql';

/** Tag records returned through node(id) carry, so the interface can resolve their type. */
export const typenameKey = '__typename';

@InterfaceType({
  description: 'An object with a globally unique id (Relay).',
  resolveType: (value: Record<string, unknown>) => value[typenameKey] as string,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id; pass it to node(id).' })
  id!: string;
}
