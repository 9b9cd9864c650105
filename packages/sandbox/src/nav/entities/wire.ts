// Small conversions shared by the entity definitions of both dialects.
import { Decimal } from '../decimal.js';
import type { WireValue } from '../odata/edm.js';

export const BLANK_DATE = '0001-01-01';
export const BLANK_DATETIME = '0001-01-01T00:00:00Z';
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

export const date = (d: string): string => d || BLANK_DATE;
export const instant = (ms: number): string => new Date(ms).toISOString();
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const str = (v: WireValue): string => (v === null ? '' : String(v));
export const num = (v: WireValue): Decimal => (v instanceof Decimal ? v : new Decimal(String(v ?? 0)));
export const bool = (v: WireValue): boolean => v === true;
export const int = (v: WireValue): number => (typeof v === 'number' ? v : Number(str(v)));
/** A blank date from a client ("0001-01-01") means no date, as in NAV. */
export const dateIn = (v: WireValue): string => (str(v) === BLANK_DATE ? '' : str(v));
