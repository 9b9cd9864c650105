// Reading Xero's query parameters and headers the way Xero does: names are case-insensitive, lists
// are comma-separated, booleans are "true"/"false".
import type { Request } from 'express';
import { queryParseException } from './errors.js';
import { parseInstant } from './dates.js';

export function queryParam(req: Request, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(req.query)) {
    if (k.toLowerCase() !== lower) continue;
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string').join(',');
  }
  return undefined;
}

export function queryList(req: Request, name: string): string[] | undefined {
  const raw = queryParam(req, name);
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
    .filter(Boolean);
}

export function queryBool(req: Request, name: string): boolean | undefined {
  const raw = queryParam(req, name);
  if (raw === undefined) return undefined;
  return raw.toLowerCase() === 'true';
}

export function queryInt(req: Request, name: string): number | undefined {
  const raw = queryParam(req, name);
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw queryParseException(`The value '${raw}' is not valid for ${name}.`);
  return n;
}

/** Epoch ms from If-Modified-Since (ISO with or without zone, or an HTTP date). */
export function ifModifiedSince(req: Request): number | undefined {
  const raw = req.header('If-Modified-Since');
  if (!raw) return undefined;
  return parseInstant(raw);
}

/** Decimal places for unit amounts (unitdp=4 opts in to four). */
export function unitDp(req: Request): 2 | 4 {
  return queryInt(req, 'unitdp') === 4 ? 4 : 2;
}

export function summarizeErrors(req: Request): boolean {
  return queryBool(req, 'summarizeErrors') ?? true;
}
