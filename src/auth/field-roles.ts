// The role every root field needs, read from the built schema's @Authorized metadata: the
// README's table of operations is checked against this, so the documentation cannot drift.
import { getMetadataStorage } from 'type-graphql';
import { createSchema } from '../graphql/schema.js';
import { isRole, roles, type Role } from './roles.js';

export interface FieldRole {
  operation: 'Query' | 'Mutation' | 'Subscription';
  field: string;
  /** null when the field carries no @Authorized: anyone could call it (a test forbids that). */
  role: Role | null;
}

export async function rootFieldRoles(): Promise<FieldRole[]> {
  await createSchema();
  const storage = getMetadataStorage();
  const lowest = (list: unknown[] | undefined): Role | null =>
    roles.find((role) => (list ?? []).some((r) => isRole(r) && r === role)) ?? null;
  const of = (operation: FieldRole['operation'], list: { schemaName: string; roles?: unknown[] }[]) =>
    list.map((m) => ({ operation, field: m.schemaName, role: lowest(m.roles) }));
  return [
    ...of('Query', storage.queries),
    ...of('Mutation', storage.mutations),
    ...of('Subscription', storage.subscriptions),
  ].sort((a, b) => a.operation.localeCompare(b.operation) || a.field.localeCompare(b.field));
}
