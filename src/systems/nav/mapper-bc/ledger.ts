// BC general ledger entries (API v2.0 generalLedgerEntries) → ledger entry drafts. Pure functions.
import type { LedgerEntryDraft, RemoteRecord } from '../../system.js';
import { blankToNull, dateOrNull, decodeOption, instantOrNull, isBlankOption } from '../mapper-common.js';
import type { RawBcGLEntry } from '../raw.js';
import type { BcMapContext } from './fields.js';

export function bcGLEntryFromWire(raw: RawBcGLEntry, ctx: BcMapContext): RemoteRecord<'ledgerEntry'> {
  const data: LedgerEntryDraft = {
    entryNo: raw.entryNumber,
    lineNo: 0,
    externalId: raw.id,
    postingDate: dateOrNull(raw.postingDate) ?? '',
    documentType: isBlankOption(raw.documentType) ? null : decodeOption(raw.documentType),
    documentNumber: raw.documentNumber,
    sourceType: null,
    sourceId: null,
    accountCode: raw.accountNumber,
    accountName: null,
    description: blankToNull(raw.description),
    debit: raw.debitAmount,
    credit: raw.creditAmount,
    currency: ctx.localCurrency,
    dimensions: {},
  };
  return {
    externalId: raw.id,
    externalNumber: raw.documentNumber,
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: instantOrNull(raw.lastModifiedDateTime),
    active: true,
    data,
  };
}
