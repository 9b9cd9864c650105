// Entity definitions: ONE description per served entity (wire name, EDM type, how to read and write
// it) drives serialization, $filter/$orderby typing, write validation and the $metadata document.
import type { Decimal } from '../decimal.js';
import type { NavContext } from '../context.js';

export type EdmPrimitive =
  | 'Edm.String'
  | 'Edm.Guid'
  | 'Edm.Decimal'
  | 'Edm.Int32'
  | 'Edm.Int64'
  | 'Edm.Boolean'
  | 'Edm.Date'
  | 'Edm.DateTimeOffset';

/** A value as it is on the wire (before JSON): enums/options are their encoded member names. */
export type WireValue = string | number | boolean | Decimal | null;

export interface FieldDef<R> {
  name: string;
  type: EdmPrimitive;
  /** BC enum type name (e.g. "customerBlocked") or NAV option members; values are strings on the wire. */
  enumType?: string;
  /** Allowed raw option/enum member names (unencoded, e.g. "" or "G/L Account"). */
  options?: readonly string[];
  nullable?: boolean;
  maxLength?: number;
  get(record: R, ctx: NavContext): WireValue;
  /** Absent = read-only. Receives the value already converted to the field's type. */
  set?(record: R, value: WireValue, ctx: NavContext): void;
}

export interface NavigationDef<R> {
  name: string;
  target: AnyEntityDef;
  list(parent: R, ctx: NavContext): unknown[];
  /** Creates a child under the parent (contained collection), if writable. */
  create?(parent: R, ctx: NavContext): unknown;
}

export interface ActionDef<R> {
  name: string;
  run(record: R, ctx: NavContext): void;
}

export interface EntityDef<R> {
  /** EntityType name (NAV: page service name; BC: camelCase singular). */
  typeName: string;
  /** EntitySet name as it appears in URLs. */
  setName: string;
  /** Table caption used in NAV's error messages ("The Customer does not exist..."). */
  caption: string;
  keys: string[];
  fields: FieldDef<R>[];
  /** Records of a top-level set (contained sets are reached via NavigationDef.list). */
  list?(ctx: NavContext): R[];
  /** Stable identity and revision for the ETag. */
  identity(record: R): { id: string; rev: number };
  /** Returns a new, not yet inserted record with defaults (top-level sets). */
  create?(ctx: NavContext): R;
  /** Validates and inserts a record built by create() / NavigationDef.create(). */
  insert?(record: R, ctx: NavContext, parent?: unknown): void;
  /** Called after fields were changed by PATCH (bump revision, validate). */
  modified?(record: R, ctx: NavContext, parent?: unknown): void;
  remove?(record: R, ctx: NavContext, parent?: unknown): void;
  /** Captures the record before a PATCH; the returned function restores it if the PATCH fails. */
  snapshot?(record: R): () => void;
  navigations?: NavigationDef<R>[];
  actions?: ActionDef<R>[];
  /** BC webhook resource name for change notifications (e.g. "customers"), if subscribable. */
  webhookSet?: string;
}

// Definitions are written against concrete record types and stored type-erased.
export type AnyEntityDef = EntityDef<object>;

export function defineEntity<R extends object>(def: EntityDef<R>): AnyEntityDef {
  return def;
}

export function field<R>(
  name: string,
  type: EdmPrimitive,
  get: (r: R, ctx: NavContext) => WireValue,
  set?: (r: R, v: WireValue, ctx: NavContext) => void,
  extra: Partial<Pick<FieldDef<R>, 'enumType' | 'options' | 'nullable' | 'maxLength'>> = {},
): FieldDef<R> {
  return { name, type, get, ...(set ? { set } : {}), ...extra };
}

/**
 * XmlConvert.EncodeName as NAV applies it to option/enum member names: every character that is not
 * a letter, digit or underscore becomes _xHHHH_; the blank option becomes "_x0020_".
 */
export function encodeOption(raw: string): string {
  if (raw === '') return '_x0020_';
  let out = '';
  for (const ch of raw) {
    if (/[A-Za-z0-9_]/.test(ch)) out += ch;
    else out += `_x${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}_`;
  }
  return out;
}

export function decodeOption(wire: string): string {
  const decoded = wire.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) =>
    String.fromCodePoint(parseInt(hex, 16)),
  );
  return decoded === ' ' ? '' : decoded;
}
