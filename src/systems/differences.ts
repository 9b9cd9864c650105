// What differs between two versions of one document, field by field, with both values: what a
// conflict shows a person, and how a connector decides what a document's state still lets it write.
import type { Difference } from './difference.js';
import type { DocumentDraft, LineDraft } from './system.js';

export type { Difference };

type Value = string | number | boolean | null | Record<string, string>;

const text = (v: unknown): Value => {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'object' && 'toFixed' in v && typeof v.toFixed === 'function')
    return (v as { toFixed(): string }).toFixed();
  return v as Value;
};

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** "40", "40.00" and "40.0000" are the same amount. */
const canonical = (v: string): string => (DECIMAL.test(v) && v.includes('.') ? v.replace(/\.?0+$/, '') : v);

const same = (a: Value, b: Value): boolean => {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return typeof a === 'string' && typeof b === 'string' ? canonical(a) === canonical(b) : a === b;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};

/** Open or settled: the same meaning in both books (NAV POSTED = Xero AUTHORISED; PAID is money, not status). */
const statusMeaning = (s: DocumentDraft['status']): string =>
  s === 'POSTED' || s === 'PAID' || s === 'AUTHORISED' ? 'POSTED' : s;

/** The fields of a line a document's content consists of, in the unified names. */
const lineFields: Record<string, (l: LineDraft) => unknown> = {
  item: (l) => l.item?.number ?? null,
  description: (l) => l.description,
  quantity: (l) => l.quantity,
  unitPrice: (l) => l.unitPrice,
  discountPercent: (l) => l.discountPercent,
  accountCode: (l) => (l.item ? null : l.accountCode),
  taxCode: (l) => l.taxCode,
  dimensions: (l) => l.dimensions,
};

/** Header fields that change what a document posts (Xero locks them once money is applied). */
export const documentContentFields = ['party', 'issueDate', 'currency', 'lineAmountType'] as const;
/** Header fields that stay editable whatever the document's state. */
export const documentFreeFields = ['dueDate', 'reference'] as const;

/**
 * Fields of `local` that differ from `remote`, in order: status (by meaning), header, then lines
 * (`lines[i].field`, or `lines[i]` for a line only one side has). Totals follow from the lines and
 * are not listed. The party compares by its key where both have one, else by number.
 */
export function documentDifferences(local: DocumentDraft, remote: DocumentDraft): Difference[] {
  const out: Difference[] = [];
  const add = (field: string, a: unknown, b: unknown) => {
    const l = text(a);
    const r = text(b);
    if (!same(l, r)) out.push({ field, local: l, remote: r });
  };
  if (statusMeaning(local.status) !== statusMeaning(remote.status))
    add('status', local.status, remote.status);
  const byId = local.party.externalId && remote.party.externalId;
  add(
    byId ? 'party.externalId' : 'party.number',
    byId ? local.party.externalId : local.party.number,
    byId ? remote.party.externalId : remote.party.number,
  );
  for (const f of ['issueDate', 'dueDate', 'currency', 'lineAmountType', 'reference'] as const)
    add(f, local[f], remote[f]);
  const count = Math.max(local.lines.length, remote.lines.length);
  for (let i = 0; i < count; i++) {
    const a = local.lines[i];
    const b = remote.lines[i];
    if (!a || !b) {
      out.push({ field: `lines[${i}]`, local: a ? lineSummary(a) : null, remote: b ? lineSummary(b) : null });
      continue;
    }
    for (const [name, get] of Object.entries(lineFields)) add(`lines[${i}].${name}`, get(a), get(b));
  }
  return out;
}

function lineSummary(l: LineDraft): Record<string, Value> {
  return Object.fromEntries(Object.entries(lineFields).map(([name, get]) => [name, text(get(l))]));
}

/** Whether a difference is in a field the document's state still lets a system change. */
export function isFreeField(field: string): boolean {
  return (documentFreeFields as readonly string[]).includes(field);
}

/** The named fields of two flat records that differ (decimals and dates compared as text). */
export function recordDifferences(
  local: Record<string, unknown>,
  remote: Record<string, unknown>,
  fields: readonly string[],
): Difference[] {
  return fields.flatMap((field) => {
    const l = text(local[field]);
    const r = text(remote[field]);
    return same(l, r) ? [] : [{ field, local: l, remote: r }];
  });
}

/** The top-level scalar fields (text, numbers, decimals, dates) of two records that differ. */
export function scalarDifferences(local: object, remote: object): Difference[] {
  const l = local as Record<string, unknown>;
  const scalar = (v: unknown) => v === null || typeof v !== 'object' || 'toFixed' in v;
  return recordDifferences(
    l,
    remote as Record<string, unknown>,
    Object.keys(l).filter((k) => scalar(l[k])),
  );
}
