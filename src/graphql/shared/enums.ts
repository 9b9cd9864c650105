// GraphQL enums mirror the domain's; registered once here.
import { registerEnumType } from 'type-graphql';

export enum SourceSystem {
  XERO = 'XERO',
  NAV = 'NAV',
}
export enum SyncStatus {
  LOCAL_ONLY = 'LOCAL_ONLY',
  PENDING = 'PENDING',
  SYNCED = 'SYNCED',
  ERROR = 'ERROR',
  CONFLICT = 'CONFLICT',
}
export enum PartyStatus {
  ACTIVE = 'ACTIVE',
  BLOCKED = 'BLOCKED',
  ARCHIVED = 'ARCHIVED',
}
export enum ItemType {
  INVENTORY = 'INVENTORY',
  SERVICE = 'SERVICE',
  NON_INVENTORY = 'NON_INVENTORY',
}
export enum DocumentStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  AUTHORISED = 'AUTHORISED',
  POSTED = 'POSTED',
  PAID = 'PAID',
  VOIDED = 'VOIDED',
  DELETED = 'DELETED',
}
export enum SalesOrderStatus {
  OPEN = 'OPEN',
  RELEASED = 'RELEASED',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  SHIPPED = 'SHIPPED',
  INVOICED = 'INVOICED',
  CANCELLED = 'CANCELLED',
}
export enum LineAmountType {
  EXCLUSIVE = 'EXCLUSIVE',
  INCLUSIVE = 'INCLUSIVE',
  NO_TAX = 'NO_TAX',
}
export enum PaymentDirection {
  RECEIVED = 'RECEIVED',
  MADE = 'MADE',
}
export enum PaymentStatus {
  AUTHORISED = 'AUTHORISED',
  DELETED = 'DELETED',
}
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
