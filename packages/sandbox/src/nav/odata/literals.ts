// OData literal lists as used in keys and NAV's $skiptoken ('C00010',10000): formatting per EDM type
// and tokenising back (quoted strings with '' escapes, bare numbers/guids/dates).
import { Decimal } from '../decimal.js';
import type { FieldDef, WireValue } from './edm.js';

export function formatLiteral(field: FieldDef<object>, value: WireValue): string {
  if (value === null) return 'null';
  if (value instanceof Decimal) return value.toFixed();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (field.type === 'Edm.String') return `'${value.replace(/'/g, "''")}'`;
  return value;
}

export interface RawLiteral {
  raw: string;
  /** EDM type of the literal as written, null for `null`. */
  type: string | null;
}

function classify(raw: string): string | null {
  if (raw === 'null') return null;
  if (raw.startsWith("'")) return 'Edm.String';
  if (raw === 'true' || raw === 'false') return 'Edm.Boolean';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)) return 'Edm.Guid';
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return 'Edm.Date';
  if (/^\d{4}-\d{2}-\d{2}T/.test(raw)) return 'Edm.DateTimeOffset';
  return 'Edm.Decimal';
}

export function parseLiteralList(text: string): RawLiteral[] {
  const out: RawLiteral[] = [];
  let i = 0;
  while (i < text.length) {
    let raw = '';
    if (text[i] === "'") {
      raw = "'";
      i++;
      while (i < text.length) {
        if (text[i] === "'" && text[i + 1] === "'") {
          raw += "''";
          i += 2;
        } else if (text[i] === "'") {
          raw += "'";
          i++;
          break;
        } else raw += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',') raw += text[i++];
    }
    out.push({ raw: raw.trim(), type: classify(raw.trim()) });
    if (text[i] === ',') i++;
  }
  return out;
}
