// The master-data entities the sync engine handles, and their names in the link/outbox tables.

export type MasterEntity = 'customer' | 'vendor' | 'item';

export const entityTypeOf = { customer: 'CUSTOMER', vendor: 'VENDOR', item: 'ITEM' } as const;

const entityOfType: Record<string, MasterEntity | undefined> = {
  CUSTOMER: 'customer',
  VENDOR: 'vendor',
  ITEM: 'item',
};

/** The master entity of a link/outbox entity type, or undefined for documents and the rest. */
export function masterEntityOf(entityType: string): MasterEntity | undefined {
  return entityOfType[entityType];
}
