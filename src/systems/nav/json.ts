// Lossless JSON for NAV/BC: Edm.Decimal travels as a bare JSON number, which JSON.parse would force
// through a float. We parse every number token as its exact digit string and write Decimal values
// back as bare digits, so money never passes through floating point.
import { Decimal } from 'decimal.js';

/** Parses JSON, turning every number into its literal text (e.g. 1234.50 → "1234.50"). */
export function parseLossless(text: string): unknown {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"') {
      const start = i;
      i += 1;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i += 1;
      out += text.slice(start, i);
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      const start = i;
      i += 1;
      while (i < n && /[0-9eE.+-]/.test(text[i]!)) i += 1;
      out += `"${text.slice(start, i)}"`;
    } else {
      out += ch;
      i += 1;
    }
  }
  return JSON.parse(out) as unknown;
}

/** JSON text with Decimal values written as exact bare numbers (what NAV/BC expect for Edm.Decimal). */
export function stringifyExact(value: unknown): string {
  if (value instanceof Decimal) return value.toFixed();
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => stringifyExact(v)).join(',')}]`;
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      parts.push(`${JSON.stringify(k)}:${stringifyExact(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}
