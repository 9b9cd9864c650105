// Turns what a read returned into records, then adds what a NAV record does not carry itself: a
// dimension's values (another page) and the invoice or bill a payment was applied to (other ledger
// entries), each looked up once for a whole page.
import type { RemoteRecord } from '../system.js';
import { ConnectorError } from '../errors.js';
import { chunks, type NavContext } from './context.js';
import { decodeOption } from './mapper-common.js';
import { navDimensionValuesFromWire, navFields } from './mapper-nav.js';
import { queryString, sameFieldOr, segment } from './odata.js';
import { PAYMENT_ENTRY_SELECT } from './payment-sides.js';
import { RawNavApplication, RawNavDimensionValue } from './raw.js';
import type { Source } from './sources.js';

/** Maps a page of raw records; payments then learn which invoice each was applied to. */
export async function mapAll(cx: NavContext, s: Source, raws: readonly unknown[]): Promise<RemoteRecord[]> {
  const records = raws.map((r) => mapOrThrow(s, r));
  if (s.key === 'dimension' && cx.nav && records.length > 0) await attachDimensionValues(cx, records);
  if ((s.key === 'custLedgerEntry' || s.key === 'vendLedgerEntry') && records.length > 0)
    await attachAppliedInvoices(cx, s, raws, records);
  return records;
}

export function mapOrThrow(s: Source, rawRecord: unknown): RemoteRecord {
  try {
    return s.map(rawRecord);
  } catch (err) {
    throw new ConnectorError(
      'validation',
      `unexpected ${s.service} record shape: ${(err as Error).message}`,
      {
        system: 'NAV',
        code: 'UnexpectedShape',
      },
    );
  }
}

/**
 * NAV links an application through Closed_by_Entry_No: a payment entry is closed by the invoice
 * entry it used up, or closes the invoice entries it paid off. Two look-ups per page (entries
 * the payments were closed by; entries closed by the payments) name each payment's invoice when
 * exactly one invoice is involved; otherwise the document stays unknown. The same holds in the
 * vendor ledger, where the invoice is the posted bill.
 */
async function attachAppliedInvoices(
  cx: NavContext,
  s: Source,
  raws: readonly unknown[],
  records: RemoteRecord[],
) {
  const payments = raws.map((r, i) => ({
    entry: RawNavApplication.parse(r),
    record: records[i] as RemoteRecord<'payment'>,
  }));
  const select = PAYMENT_ENTRY_SELECT;
  const fetch = async (field: string, values: number[]) => {
    const unique = [...new Set(values.filter((v) => v > 0).map(String))];
    if (unique.length === 0) return [];
    const urlFor = (chunk: readonly string[]) =>
      `${cx.root()}${segment(s.service)}${queryString({ filter: sameFieldOr(field, chunk, 'int'), select })}`;
    const rows: RawNavApplication[] = [];
    for (const chunk of chunks(cx, unique, urlFor))
      for (const row of await cx.http.all(urlFor(chunk))) rows.push(RawNavApplication.parse(row));
    return rows;
  };
  const [closers, closed] = await Promise.all([
    fetch(
      'Entry_No',
      payments.map((p) => p.entry.Closed_by_Entry_No ?? 0),
    ),
    fetch(
      'Closed_by_Entry_No',
      payments.map((p) => p.entry.Entry_No),
    ),
  ]);
  const isInvoice = (e: RawNavApplication) => decodeOption(e.Document_Type) === 'Invoice';
  for (const { entry, record } of payments) {
    const invoices = new Set<string>();
    for (const e of closers)
      if (e.Entry_No === entry.Closed_by_Entry_No && isInvoice(e)) invoices.add(e.Document_No);
    for (const e of closed)
      if (e.Closed_by_Entry_No === entry.Entry_No && isInvoice(e)) invoices.add(e.Document_No);
    const [only] = invoices;
    // A posted invoice's externalId is its No.
    if (invoices.size === 1 && only) record.data.document = { number: only, externalId: only };
  }
}

/**
 * NAV: each dimension's values, from DimensionValues (page 537), for a whole page of dimensions
 * in one look-up (more when the URL would get too long).
 */
async function attachDimensionValues(cx: NavContext, records: RemoteRecord[]): Promise<void> {
  const service = `${cx.root()}${segment(cx.serviceName('dimensionValue'))}`;
  const urlFor = (chunk: readonly string[]) =>
    `${service}${queryString({ filter: sameFieldOr('Dimension_Code', chunk, 'string'), select: navFields.dimensionValue })}`;
  const codes = records.map((r) => r.externalId);
  const values: RawNavDimensionValue[] = [];
  for (const chunk of chunks(cx, codes, urlFor)) {
    for (const row of await cx.http.all(urlFor(chunk))) {
      const parsed = RawNavDimensionValue.safeParse(row);
      if (!parsed.success)
        throw new ConnectorError(
          'validation',
          `unexpected DimensionValues record shape: ${parsed.error.message}`,
          {
            system: 'NAV',
            code: 'UnexpectedShape',
          },
        );
      values.push(parsed.data);
    }
  }
  for (const record of records as RemoteRecord<'dimension'>[])
    record.data.values = navDimensionValuesFromWire(
      values.filter((v) => v.Dimension_Code === record.externalId),
    );
}
