// Our id as stored upstream, and finding by it what an earlier attempt wrote: a document by its
// External Document No. (a bill by the vendor's invoice No.), master data by its number or id field,
// posted drafts by their Pre-Assigned No., and a record NAV/BC numbered itself by the name and
// e-mail we wrote, adopted only when exactly one matches.
import type {
  ConnectorEntity,
  DocumentDraft,
  ItemDraft,
  PartyDraft,
  RemoteRecord,
  WriteRequest,
} from '../system.js';
import { ConnectorError } from '../errors.js';
import {
  collectionUrl,
  postedSource,
  readQuery,
  writeSource,
  type MasterEntity,
  type NavContext,
} from './context.js';
import { str } from './mapper-common.js';
import { mapAll } from './mapping.js';
import { filterValue } from './odata.js';
import { findBy } from './reads.js';
import { toWire } from './to-wire.js';
import { stillUnknown } from './write-errors.js';

/** Our id as stored upstream (and the fields narrowing it, e.g. the vendor of a bill). */
export interface NaturalKey {
  field: string;
  value: string;
  scope?: Record<string, unknown> | undefined;
}

/** Our id for a document as a create writes it (a bill: the vendor's invoice No.). */
export function lookupKey(cx: NavContext, entity: ConnectorEntity, req: WriteRequest): NaturalKey | null {
  const nav = cx.nav;
  if (entity === 'invoice' || entity === 'salesOrder') {
    const value = (req.data as DocumentDraft).externalDocumentNumber ?? req.idempotencyKey.slice(0, 35);
    return { field: nav ? 'External_Document_No' : 'externalDocumentNumber', value };
  }
  if (entity === 'bill') {
    // NAV posts a purchase invoice only with the vendor's invoice No., unique per vendor: it is
    // the bill's natural key (our own id when the vendor's number is not known).
    const draft = req.data as DocumentDraft;
    const value =
      draft.vendorInvoiceNumber ?? draft.externalDocumentNumber ?? req.idempotencyKey.slice(0, 35);
    const party = draft.party;
    const scope = nav
      ? party.number
        ? { Buy_from_Vendor_No: party.number }
        : undefined
      : party.externalId
        ? { vendorId: filterValue(party.externalId, 'guid') }
        : party.number
          ? { vendorNumber: party.number }
          : undefined;
    return { field: nav ? 'Vendor_Invoice_No' : 'vendorInvoiceNumber', value, scope };
  }
  const custom = cx.options.masterDataIdField?.[entity as 'customer' | 'vendor' | 'item'];
  if (custom) return { field: custom, value: req.idempotencyKey };
  const number = (req.data as { number?: string | null }).number;
  if (number) return { field: nav ? 'No' : 'number', value: number };
  return null;
}

/** The record our key names, where a create writes it or (NAV) among the posted documents. */
export async function lookUp(
  cx: NavContext,
  entity: ConnectorEntity,
  key: NaturalKey,
): Promise<RemoteRecord | null> {
  const filter = { [key.field]: key.value, ...key.scope };
  const found = await findBy(cx, writeSource(cx, entity), filter);
  if (found) return found;
  // NAV: posted meanwhile; the posted document keeps the External Document No. / vendor's No.
  const posted = postedSource(cx, entity);
  return posted ? findBy(cx, posted, filter) : null;
}

/** NAV: the posted document a draft became (Pre-Assigned No. = the draft's No.). */
export async function findPosted(
  cx: NavContext,
  entity: ConnectorEntity,
  draftNo: string,
): Promise<RemoteRecord | null> {
  const posted = postedSource(cx, entity);
  return posted ? findBy(cx, posted, { Pre_Assigned_No: draftNo }) : null;
}

/** The fields a person recognises a customer or vendor by (name and e-mail), an item by its name. */
function naturalKeyFields(cx: NavContext, entity: MasterEntity): { name: string; email?: string } {
  if (entity === 'item') return { name: cx.nav ? 'Description' : 'displayName' };
  return cx.nav ? { name: 'Name', email: 'E_Mail' } : { name: 'displayName', email: 'email' };
}

/**
 * A customer, vendor or item created without a number (NAV/BC numbers it) whose create may have
 * reached NAV/BC: the record holding exactly the name and e-mail we wrote (a blank e-mail
 * included) is ours when it is the only one. None found fails as `unknown-outcome` (looked for
 * again on the retry, then dead-lettered); several as a `conflict`. Nothing is ever written
 * again on a guess, so no retry can duplicate it.
 *
 * The server filters on the name (and e-mail); the match is then checked here: NAV compares text
 * case-insensitively (SQL collation), and how it reads filter characters in a value (`&`, `|`,
 * `*`…) can only widen the result, which this check narrows again, or find nothing, which fails
 * safe.
 */
export async function adoptByNaturalKey(
  cx: NavContext,
  entity: MasterEntity,
  req: WriteRequest,
  cause?: ConnectorError,
): Promise<RemoteRecord> {
  const s = writeSource(cx, entity);
  const fields = naturalKeyFields(cx, entity);
  const wire = toWire(cx, entity, req.data, undefined, null);
  const name = str(wire[fields.name]);
  const email = fields.email ? str(wire[fields.email]) : '';
  const described = `${entity} '${name}'${fields.email ? (email ? ` with e-mail ${email}` : ' without an e-mail') : ''}`;
  const why = cause ? `${cause.message}: ` : 'an earlier attempt may have reached NAV/BC: ';
  const unknown = (message: string) =>
    new ConnectorError('unknown-outcome', `${why}${message}`, {
      system: 'NAV',
      code: 'CreateOutcomeNotFound',
      fieldErrors: [{ field: 'number', message: 'no number to look the record up by' }],
    });
  if (name.trim() === '') throw unknown(`a ${entity} without a name or number cannot be looked up`);
  const filter: Record<string, string> = { [fields.name]: name };
  if (fields.email && email) filter[fields.email] = email;
  const search = async () => {
    const rows = (await cx.http.all(collectionUrl(cx, s, readQuery(s, filter)))) as Record<string, unknown>[];
    const ours = rows.filter(
      (row) =>
        str(row[fields.name]) === name &&
        (!fields.email || str(row[fields.email]).toLowerCase() === email.toLowerCase()),
    );
    return mapAll(cx, s, ours);
  };
  const matches = cause ? await stillUnknown(cause, search) : await search();
  if (matches.length === 1) {
    cx.uncertain.delete(req.idempotencyKey);
    return matches[0]!;
  }
  if (matches.length === 0)
    throw unknown(
      `no ${described} is in NAV/BC: it may not have been created (or not yet), and it is not ` +
        `created again on a guess. Give the record the number of the ${entity} that is ours in ` +
        'NAV/BC (created there by hand if there is none) and replay the job: it is then found by that number',
    );
  const numbers = matches.map((m) => m.externalNumber ?? m.externalId);
  throw new ConnectorError(
    'conflict',
    `${why}${matches.length} ${entity} records match ${described} (${numbers.join(', ')}), so ` +
      'which one an earlier attempt created, if any, cannot be told and none is chosen; nothing was ' +
      'written. Give the record the number of the one that is ours to link it, or resolve the conflict ' +
      'keeping ours to create a new one',
    {
      system: 'NAV',
      code: 'CreateOutcomeAmbiguous',
      fieldErrors: [{ field: 'number', message: `several ${entity} records match; none was chosen` }],
      upstream: {
        matches: matches.map((m) => ({
          externalId: m.externalId,
          number: m.externalNumber,
          name: (m.data as PartyDraft | ItemDraft).name,
          ...(fields.email ? { email: (m.data as PartyDraft).email } : {}),
        })),
      },
    },
  );
}
