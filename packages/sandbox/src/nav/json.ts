// NAV and BC send Edm.Decimal as bare JSON numbers. JSON.stringify would force decimals through a
// float, so this writer emits Decimal values verbatim (exact digits) and everything else as usual.
import { Decimal } from './decimal.js';

export function toJson(value: unknown): string {
  if (value instanceof Decimal) return value.toFixed();
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => toJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      parts.push(`${JSON.stringify(k)}:${toJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}
