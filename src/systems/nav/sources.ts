// Where each unified entity lives in each dialect: the service, its key, the fields to select, the
// lines navigation, the modification timestamp for deltas, and the mapper from the wire.
import type { ConnectorEntity, RemoteRecord } from '../system.js';
import {
  bcDimensionFromWire,
  bcDocumentFromWire,
  bcFields,
  bcGLEntryFromWire,
  bcItemFromWire,
  bcPartyFromWire,
} from './mapper-bc.js';
import {
  navDimensionFromWire,
  navDocumentFromWire,
  navFields,
  navGLEntryFromWire,
  navItemFromWire,
  navPartyFromWire,
  navPaymentFromWire,
  navVendorPaymentFromWire,
  VENDOR_PAYMENT_PREFIX,
  type NavMapContext,
} from './mapper-nav.js';
import type { KeyValue, FilterValueType } from './odata.js';
import {
  RawBcDimension,
  RawBcDocument,
  RawBcGLEntry,
  RawBcItem,
  RawBcParty,
  RawNavCustLedgerEntry,
  RawNavDimension,
  RawNavDocument,
  RawNavGLEntry,
  RawNavItem,
  RawNavParty,
  RawNavVendLedgerEntry,
} from './raw.js';
import type { PaymentDirection } from './options.js';
import type { Dialect, ServiceKey } from './services.js';

export interface Source {
  key: ServiceKey;
  service: string;
  /** What the start-up check names it for, when not the entity (e.g. "vendor payment"). */
  purpose?: string | undefined;
  /** The field whose value (after idPrefix) is the record's externalId. */
  idField: string;
  idType: FilterValueType;
  idPrefix: string;
  /** Key predicate of a record from its id (fixed parts such as Document_Type included). */
  keyOf(id: string): (readonly [string, KeyValue])[];
  select: readonly string[];
  /** A condition every read of this source carries (e.g. only Payment ledger entries). */
  filter?: Record<string, unknown> | undefined;
  lines?: { navigation: string; select: readonly string[] } | undefined;
  modified?: { field: string; kind: 'date' | 'datetime' } | undefined;
  /** The ascending entry number of an append-only ledger: its delta is "numbered after". */
  sequence?: string | undefined;
  map(raw: unknown): RemoteRecord;
}

export interface SourceContext {
  dialect: Dialect;
  /** The payments read and written (NAV: customer and/or vendor ledger entries). */
  payments: readonly PaymentDirection[];
  service(key: ServiceKey): string;
  lines(key: ServiceKey): string;
  nav: NavMapContext;
}

export const DRAFT_PREFIX = 'draft:';

/** Moves an expanded lines array (named after its navigation) to `lines`. */
function withLines(raw: unknown, navigation: string | undefined): unknown {
  if (!navigation || !raw || typeof raw !== 'object') return raw;
  const r = raw as Record<string, unknown>;
  return navigation in r ? { ...r, lines: r[navigation] } : r;
}

export function sourcesFor(entity: ConnectorEntity, c: SourceContext): Source[] {
  return c.dialect === 'nav-odata-v4' ? navSources(entity, c) : bcSources(entity, c);
}

function navSources(entity: ConnectorEntity, c: SourceContext): Source[] {
  const byNo = (key: ServiceKey, select: readonly string[], map: (raw: unknown) => RemoteRecord): Source => ({
    key,
    service: c.service(key),
    idField: 'No',
    idType: 'string',
    idPrefix: '',
    keyOf: (id) => [['No', id]],
    select,
    modified: { field: 'Last_Date_Modified', kind: 'date' },
    map,
  });
  const doc = (
    key: ServiceKey,
    docType: string | null,
    select: readonly string[],
    lineSelect: readonly string[],
    side: 'sales' | 'purchase',
  ): Source => {
    const posted = docType === null;
    const navigation = c.lines(key);
    return {
      key,
      service: c.service(key),
      idField: 'No',
      idType: 'string',
      idPrefix: posted ? '' : DRAFT_PREFIX,
      keyOf: (id) =>
        posted
          ? [['No', id]]
          : [
              ['Document_Type', docType],
              ['No', id],
            ],
      select,
      lines: { navigation, select: lineSelect },
      map: (raw) =>
        navDocumentFromWire(
          RawNavDocument.parse(withLines(raw, navigation)),
          { side, posted, idPrefix: DRAFT_PREFIX },
          c.nav,
        ),
    };
  };
  switch (entity) {
    case 'customer':
      return [
        byNo('customer', [...navFields.party, ...navFields.customerExtra], (r) =>
          navPartyFromWire(RawNavParty.parse(r), c.nav, true),
        ),
      ];
    case 'vendor':
      return [byNo('vendor', navFields.party, (r) => navPartyFromWire(RawNavParty.parse(r), c.nav, false))];
    case 'item':
      return [byNo('item', navFields.item, (r) => navItemFromWire(RawNavItem.parse(r)))];
    case 'invoice':
      return [
        doc('postedSalesInvoice', null, navFields.salesPosted, navFields.salesLine, 'sales'),
        doc('salesInvoice', 'Invoice', navFields.salesDraft, navFields.salesLine, 'sales'),
      ];
    case 'bill':
      return [
        doc('postedPurchaseInvoice', null, navFields.purchasePosted, navFields.purchaseLine, 'purchase'),
        doc('purchaseInvoice', 'Invoice', navFields.purchaseDraft, navFields.purchaseLine, 'purchase'),
      ];
    case 'salesOrder':
      return [doc('salesOrder', 'Order', navFields.salesOrder, navFields.salesOrderLine, 'sales')];
    case 'dimension':
      // No modification date on these pages: every read is complete. The connector adds the values.
      return [
        {
          key: 'dimension',
          service: c.service('dimension'),
          idField: 'Code',
          idType: 'string',
          idPrefix: '',
          keyOf: (id) => [['Code', id]],
          select: navFields.dimension,
          map: (r) => navDimensionFromWire(RawNavDimension.parse(r)),
        },
      ];
    case 'ledgerEntry':
      return [
        {
          key: 'glEntry',
          service: c.service('glEntry'),
          idField: 'Entry_No',
          idType: 'int',
          idPrefix: '',
          keyOf: (id) => [['Entry_No', Number(id)]],
          select: navFields.glEntry,
          sequence: 'Entry_No',
          map: (r) => navGLEntryFromWire(RawNavGLEntry.parse(r), c.nav),
        },
      ];
    case 'payment': {
      // Posted payments; the connector adds the invoice / bill each was applied to. Customer
      // entries keep their entry No. as externalId, vendor entries are prefixed (their own series).
      const out: Source[] = [];
      if (c.payments.includes('RECEIVED'))
        out.push({
          key: 'custLedgerEntry',
          service: c.service('custLedgerEntry'),
          idField: 'Entry_No',
          idType: 'int',
          idPrefix: '',
          keyOf: (id) => [['Entry_No', Number(id)]],
          select: navFields.custLedgerEntry,
          filter: { Document_Type: 'Payment' },
          map: (r) => navPaymentFromWire(RawNavCustLedgerEntry.parse(r), c.nav),
        });
      if (c.payments.includes('MADE'))
        out.push({
          key: 'vendLedgerEntry',
          service: c.service('vendLedgerEntry'),
          purpose: 'vendor payment',
          idField: 'Entry_No',
          idType: 'int',
          idPrefix: VENDOR_PAYMENT_PREFIX,
          keyOf: (id) => [['Entry_No', Number(id)]],
          select: navFields.vendLedgerEntry,
          filter: { Document_Type: 'Payment' },
          map: (r) => navVendorPaymentFromWire(RawNavVendLedgerEntry.parse(r), c.nav),
        });
      return out;
    }
    default:
      return [];
  }
}

function bcSources(entity: ConnectorEntity, c: SourceContext): Source[] {
  const ctx = { localCurrency: c.nav.localCurrency };
  const byId = (
    key: ServiceKey,
    select: readonly string[],
    map: (raw: unknown) => RemoteRecord,
    lineSelect?: readonly string[],
  ): Source => {
    const lines = lineSelect ? { navigation: c.lines(key), select: lineSelect } : undefined;
    return {
      key,
      service: c.service(key),
      idField: 'id',
      idType: 'guid',
      idPrefix: '',
      keyOf: (id) => [['id', { guid: id }]],
      select,
      lines,
      modified: { field: 'lastModifiedDateTime', kind: 'datetime' },
      map: (raw) => map(withLines(raw, lines?.navigation)),
    };
  };
  switch (entity) {
    case 'customer':
      return [
        byId('customer', [...bcFields.party, ...bcFields.customerExtra], (r) =>
          bcPartyFromWire(RawBcParty.parse(r), ctx, true),
        ),
      ];
    case 'vendor':
      return [byId('vendor', bcFields.party, (r) => bcPartyFromWire(RawBcParty.parse(r), ctx, false))];
    case 'item':
      return [byId('item', bcFields.item, (r) => bcItemFromWire(RawBcItem.parse(r)))];
    case 'invoice':
      return [
        byId(
          'salesInvoice',
          bcFields.salesInvoice,
          (r) => bcDocumentFromWire(RawBcDocument.parse(r), 'sales', ctx),
          bcFields.salesLine,
        ),
      ];
    case 'bill':
      return [
        byId(
          'purchaseInvoice',
          bcFields.purchaseInvoice,
          (r) => bcDocumentFromWire(RawBcDocument.parse(r), 'purchase', ctx),
          bcFields.purchaseLine,
        ),
      ];
    case 'salesOrder':
      return [
        byId(
          'salesOrder',
          bcFields.salesOrder,
          (r) => bcDocumentFromWire(RawBcDocument.parse(r), 'sales', ctx, true),
          bcFields.salesOrderLine,
        ),
      ];
    case 'dimension':
      // Read whole every time: a new value leaves its dimension's lastModifiedDateTime as it was.
      return [
        {
          key: 'dimension',
          service: c.service('dimension'),
          idField: 'id',
          idType: 'guid',
          idPrefix: '',
          keyOf: (id) => [['id', { guid: id }]],
          select: bcFields.dimension,
          lines: { navigation: 'dimensionValues', select: bcFields.dimensionValue },
          map: (r) => bcDimensionFromWire(RawBcDimension.parse(withLines(r, 'dimensionValues'))),
        },
      ];
    case 'ledgerEntry':
      return [
        {
          ...byId('glEntry', bcFields.glEntry, (r) => bcGLEntryFromWire(RawBcGLEntry.parse(r), ctx)),
          // Entries never change once posted: numbered after the last one read is the delta.
          modified: undefined,
          sequence: 'entryNumber',
        },
      ];
    default:
      return [];
  }
}
