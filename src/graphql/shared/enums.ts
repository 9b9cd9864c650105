// GraphQL enums mirror the domain's; registered once here.
import { sourceSystems, type SourceSystem as RegisteredSystem } from '../../systems/registry.js';
import { registerEnumType } from 'type-graphql';
import { lineAmountTypes, partyStatuses, syncStatuses, targetSyncStates } from '../../domain/common.js';
import { documentStatuses } from '../../domain/document.js';
import { itemTypes } from '../../domain/item.js';
import { paymentDirections, paymentStatuses } from '../../domain/payment.js';
import { salesOrderStatuses } from '../../domain/sales-order.js';

/** A GraphQL enum of one of the domain's value lists: each value named as itself. */
export function enumOf<const V extends string>(values: readonly V[]): { readonly [K in V]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { readonly [K in V]: K };
}
export type ValueOf<E> = E[keyof E];

/** One value per registered system, in the registry's order. */
export const SourceSystem = Object.fromEntries(sourceSystems.map((s) => [s, s])) as {
  readonly [S in RegisteredSystem]: S;
};
export type SourceSystem = RegisteredSystem;
export const SyncStatus = enumOf(syncStatuses);
export type SyncStatus = ValueOf<typeof SyncStatus>;
export const TargetSyncState = enumOf(targetSyncStates);
export type TargetSyncState = ValueOf<typeof TargetSyncState>;
export const PartyStatus = enumOf(partyStatuses);
export type PartyStatus = ValueOf<typeof PartyStatus>;
export const ItemType = enumOf(itemTypes);
export type ItemType = ValueOf<typeof ItemType>;
export const DocumentStatus = enumOf(documentStatuses);
export type DocumentStatus = ValueOf<typeof DocumentStatus>;
export const SalesOrderStatus = enumOf(salesOrderStatuses);
export type SalesOrderStatus = ValueOf<typeof SalesOrderStatus>;
export const LineAmountType = enumOf(lineAmountTypes);
export type LineAmountType = ValueOf<typeof LineAmountType>;
export const PaymentDirection = enumOf(paymentDirections);
export type PaymentDirection = ValueOf<typeof PaymentDirection>;
export const PaymentStatus = enumOf(paymentStatuses);
export type PaymentStatus = ValueOf<typeof PaymentStatus>;
export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(SourceSystem, { name: 'SourceSystem', description: 'A connected system of record.' });
registerEnumType(SyncStatus, {
  name: 'SyncStatus',
  description: 'Where a record stands with its source systems.',
  valuesConfig: {
    LOCAL_ONLY: { description: 'Not linked to any source system yet.' },
    PENDING: { description: 'A change is queued for a source system.' },
    SYNCED: { description: 'Every linked system holds the current version.' },
    ERROR: { description: 'A push failed and is in the dead-letter queue.' },
    CONFLICT: { description: 'Both sides changed; a person must resolve it.' },
    PARTIAL: {
      description:
        'In one book and refused by another (a dead letter where it has no copy): replay it once the cause is fixed, or void it.',
    },
  },
});
registerEnumType(TargetSyncState, {
  name: 'TargetSyncState',
  description: 'Where a record stands in one system.',
  valuesConfig: {
    SYNCED: { description: 'The system holds the current version.' },
    PENDING: { description: 'A push there is queued, running or waiting to retry.' },
    REFUSED: { description: 'The system refused the push: a dead letter names why.' },
    CONFLICT: { description: 'The system holds something else; a person must resolve it.' },
    CANCELLED: { description: 'The push there was called off (the record was voided before it arrived).' },
  },
});
registerEnumType(PartyStatus, { name: 'PartyStatus' });
registerEnumType(ItemType, { name: 'ItemType' });
registerEnumType(DocumentStatus, {
  name: 'DocumentStatus',
  description: 'Unified document status: Xero DRAFT/SUBMITTED/AUTHORISED/PAID/VOIDED/DELETED, NAV POSTED.',
});
registerEnumType(SalesOrderStatus, { name: 'SalesOrderStatus' });
registerEnumType(LineAmountType, {
  name: 'LineAmountType',
  description: 'Whether line prices exclude tax, include it, or carry none.',
});
registerEnumType(PaymentDirection, { name: 'PaymentDirection' });
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });
registerEnumType(SortDirection, { name: 'SortDirection' });
