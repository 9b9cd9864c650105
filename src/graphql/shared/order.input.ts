// The ordering inputs of each list. Every ordering ends with the id, so pages are stable.
import { Field, InputType, registerEnumType } from 'type-graphql';
import { SortDirection } from './enums.js';
import { sortFields } from '../../store/filters.js';

type Keys<T> = { [K in keyof T]: K };
const enumOf = <T extends object>(fields: T): Keys<T> =>
  Object.fromEntries(Object.keys(fields).map((k) => [k, k])) as Keys<T>;

export const PartyOrderField = enumOf(sortFields.party);
export const ItemOrderField = enumOf(sortFields.item);
export const DocumentOrderField = enumOf(sortFields.document);
export const SalesOrderOrderField = enumOf(sortFields.salesOrder);
export const PaymentOrderField = enumOf(sortFields.payment);
export const LedgerEntryOrderField = enumOf(sortFields.ledgerEntry);
export const DimensionOrderField = enumOf(sortFields.dimension);

registerEnumType(PartyOrderField, { name: 'PartyOrderField' });
registerEnumType(ItemOrderField, { name: 'ItemOrderField' });
registerEnumType(DocumentOrderField, {
  name: 'DocumentOrderField',
  description: 'DATE is the issue date of invoices and bills.',
});
registerEnumType(SalesOrderOrderField, { name: 'SalesOrderOrderField' });
registerEnumType(PaymentOrderField, { name: 'PaymentOrderField' });
registerEnumType(LedgerEntryOrderField, { name: 'LedgerEntryOrderField' });
registerEnumType(DimensionOrderField, { name: 'DimensionOrderField' });

export interface OrderInput<F extends string> {
  field: F;
  direction: SortDirection;
}

@InputType()
export class PartyOrder implements OrderInput<keyof typeof sortFields.party> {
  @Field(() => PartyOrderField, { defaultValue: 'NAME' })
  field!: keyof typeof sortFields.party;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction!: SortDirection;
}

@InputType()
export class ItemOrder implements OrderInput<keyof typeof sortFields.item> {
  @Field(() => ItemOrderField, { defaultValue: 'NUMBER' })
  field!: keyof typeof sortFields.item;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction!: SortDirection;
}

@InputType()
export class DocumentOrder implements OrderInput<keyof typeof sortFields.document> {
  @Field(() => DocumentOrderField, { defaultValue: 'DATE' })
  field!: keyof typeof sortFields.document;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction!: SortDirection;
}

@InputType()
export class SalesOrderOrder implements OrderInput<keyof typeof sortFields.salesOrder> {
  @Field(() => SalesOrderOrderField, { defaultValue: 'DATE' })
  field!: keyof typeof sortFields.salesOrder;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction!: SortDirection;
}

@InputType()
export class PaymentOrder implements OrderInput<keyof typeof sortFields.payment> {
  @Field(() => PaymentOrderField, { defaultValue: 'DATE' })
  field!: keyof typeof sortFields.payment;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction!: SortDirection;
}

@InputType()
export class LedgerEntryOrder implements OrderInput<keyof typeof sortFields.ledgerEntry> {
  @Field(() => LedgerEntryOrderField, { defaultValue: 'ENTRY_NO' })
  field!: keyof typeof sortFields.ledgerEntry;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction!: SortDirection;
}

@InputType()
export class DimensionOrder implements OrderInput<keyof typeof sortFields.dimension> {
  @Field(() => DimensionOrderField, { defaultValue: 'CODE' })
  field!: keyof typeof sortFields.dimension;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction!: SortDirection;
}
