// Which fields of what we want written differ from the record as read, so a PATCH sends only those
// (and an unchanged record is not written at all): decimals compared exactly, options decoded.
import { Decimal } from 'decimal.js';
import { decodeOption } from './mapper-common.js';

/** Fields whose wanted value differs from the current wire value (decimals compared exactly). */
export function diff(
  wanted: Record<string, unknown>,
  current: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(wanted)) {
    if (Array.isArray(v)) continue;
    const cur = current[k];
    let same: boolean;
    if (v instanceof Decimal) {
      same =
        (typeof cur === 'string' || typeof cur === 'number') && isNumeric(String(cur)) && v.eq(String(cur));
    } else if (typeof v === 'number') {
      // Response numbers arrive as exact digit strings (see json.ts).
      same =
        (typeof cur === 'string' || typeof cur === 'number') &&
        isNumeric(String(cur)) &&
        new Decimal(v).eq(String(cur));
    } else if (typeof v === 'string' && typeof cur === 'string') {
      same =
        decodeOption(v) === decodeOption(cur) ||
        (decodeOption(v).trim() === '' && decodeOption(cur).trim() === '');
    } else {
      same = v === cur;
    }
    if (!same) out[k] = v;
  }
  return out;
}

const isNumeric = (s: string) => /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s);
