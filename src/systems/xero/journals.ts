// Xero's general ledger: GET /Journals, read-only, 100 journals a call after `offset` (the last
// journal number seen). Every journal line becomes one ledger entry: the journal number is its
// entry No., its place in the journal its line No.; a positive net amount is a debit, a negative
// one a credit (Xero's own sign convention). SourceType and SourceID name the transaction posted.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { Checkpoint, LedgerEntryDraft, ListPage, RemoteRecord } from '../system.js';
import type { XeroApi } from './client.js';
import type { CallPriority } from './governor.js';
import { accountingDate, blank, decimalFromWire } from './mapper-common.js';

/** Journals Xero returns per call; fewer means the ledger has been read to its end. */
export const XERO_JOURNALS_PER_CALL = 100;

const ZERO = new Decimal(0);
const str = z.string().nullish();
const num = z.number().nullish();

const rawJournalLine = z.looseObject({
  journalLineID: str,
  accountCode: str,
  accountName: str,
  description: str,
  netAmount: num,
  grossAmount: num,
  taxAmount: num,
  trackingCategories: z.array(z.looseObject({ name: str, option: str })).nullish(),
});

export const rawJournal = z.looseObject({
  journalID: str,
  journalNumber: z.number().int().positive(),
  journalDate: z.union([z.date(), z.string()]).nullish(),
  reference: str,
  sourceID: str,
  sourceType: z.union([z.string(), z.number()]).nullish(),
  journalLines: z.array(rawJournalLine).nullish(),
});
export type RawJournal = z.infer<typeof rawJournal>;

/** One call: the journals numbered after `offset`, in number order. */
export async function getJournals(
  api: XeroApi,
  offset: number,
  priority: CallPriority,
): Promise<RawJournal[]> {
  const op = 'GET /Journals';
  const body = (await api.call({ operation: op, write: false, priority }, (sdk) =>
    sdk.getJournals(api.tenantId, undefined, offset),
  )) as { journals?: unknown };
  if (body.journals === undefined || body.journals === null) return [];
  if (!Array.isArray(body.journals)) throw new Error(`${op}: expected a list in Xero's answer`);
  return body.journals.map((j) => rawJournal.parse(j));
}

/** A journal's lines as ledger entries, in the organisation's base currency (Xero's journals are). */
export function journalEntriesFromWire(
  journal: RawJournal,
  baseCurrency: string,
): RemoteRecord<'ledgerEntry'>[] {
  const date = accountingDate(journal.journalDate) ?? '';
  const sourceType =
    journal.sourceType === null || journal.sourceType === undefined ? null : String(journal.sourceType);
  return (journal.journalLines ?? []).map((line, i) => {
    const net = decimalFromWire(line.netAmount);
    const dimensions: Record<string, string> = {};
    for (const t of line.trackingCategories ?? []) if (t.name && t.option) dimensions[t.name] = t.option;
    const data: LedgerEntryDraft = {
      entryNo: journal.journalNumber,
      lineNo: i + 1,
      externalId: line.journalLineID ?? `${journal.journalNumber}:${i + 1}`,
      postingDate: date,
      documentType: sourceType,
      documentNumber: blank(journal.reference) ?? '',
      sourceType,
      sourceId: blank(journal.sourceID)?.toLowerCase() ?? null,
      accountCode: line.accountCode ?? '',
      accountName: blank(line.accountName),
      description: blank(line.description),
      debit: net.gt(0) ? net : ZERO,
      credit: net.lt(0) ? net.neg() : ZERO,
      currency: baseCurrency,
      dimensions,
    };
    return {
      externalId: data.externalId,
      externalNumber: String(journal.journalNumber),
      version: null,
      remoteUpdatedAt: null,
      active: true,
      data,
    };
  });
}

/** Pages of ledger entries after journal `afterEntryNo` (or the checkpoint's `after`). */
export async function* listJournalPages(
  api: XeroApi,
  baseCurrency: () => Promise<string>,
  options: {
    afterEntryNo?: number | undefined;
    checkpoint?: Checkpoint | null | undefined;
    priority: CallPriority;
  },
): AsyncGenerator<ListPage<'ledgerEntry'>> {
  const cp = options.checkpoint;
  let offset = typeof cp?.after === 'number' ? cp.after : (options.afterEntryNo ?? 0);
  const currency = await baseCurrency();
  for (;;) {
    const journals = await getJournals(api, offset, options.priority);
    const records = journals.flatMap((j) => journalEntriesFromWire(j, currency));
    offset = journals.reduce((n, j) => Math.max(n, j.journalNumber), offset);
    const done = journals.length < XERO_JOURNALS_PER_CALL;
    yield { records, checkpoint: done ? null : { after: offset } };
    if (done) return;
  }
}
