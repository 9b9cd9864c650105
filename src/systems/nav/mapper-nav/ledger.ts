// NAV general ledger entries (GLEntry page) → ledger entry drafts. Pure functions.
import type { LedgerEntryDraft, RemoteRecord } from '../../system.js';
import { blankToNull, dateOrNull, decodeOption, isBlankOption } from '../mapper-common.js';
import type { RawNavGLEntry } from '../raw.js';
import { dimensionsOf } from './dimensions.js';
import type { NavMapContext } from './fields.js';

export function navGLEntryFromWire(raw: RawNavGLEntry, ctx: NavMapContext): RemoteRecord<'ledgerEntry'> {
  const data: LedgerEntryDraft = {
    entryNo: raw.Entry_No,
    lineNo: 0,
    externalId: String(raw.Entry_No),
    postingDate: dateOrNull(raw.Posting_Date) ?? '',
    documentType: isBlankOption(raw.Document_Type) ? null : decodeOption(raw.Document_Type),
    documentNumber: raw.Document_No,
    sourceType: null,
    sourceId: null,
    accountCode: raw.G_L_Account_No,
    accountName: blankToNull(raw.G_L_Account_Name),
    description: blankToNull(raw.Description),
    debit: raw.Debit_Amount,
    credit: raw.Credit_Amount,
    currency: ctx.localCurrency,
    dimensions: dimensionsOf(raw.Global_Dimension_1_Code, raw.Global_Dimension_2_Code, ctx),
  };
  return {
    externalId: String(raw.Entry_No),
    externalNumber: raw.Document_No,
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: null,
    active: true,
    data,
  };
}
