// Document lines are served as (header, line) pairs: amounts depend on the header (prices incl. VAT),
// keys include the header's number, and writes must validate against the header's status.
import type { NavContext } from '../context.js';
import type { AnyEntityDef, NavigationDef } from '../odata/edm.js';
import type { DocHeader, DocLine } from '../state.js';
import { newLine } from './ops.js';

export interface LineRef<H extends DocHeader = DocHeader> {
  header: H;
  line: DocLine;
}

export const linesOf = <H extends DocHeader>(header: H): LineRef<H>[] =>
  header.lines.map((line) => ({ header, line }));

/** A document's lines as a contained collection; new lines (POST) unless `readOnly`. */
export function documentLines<H extends DocHeader>(
  name: string,
  target: AnyEntityDef,
  readOnly = false,
): NavigationDef<H> {
  return {
    name,
    target,
    list: (h) => linesOf(h),
    ...(readOnly ? {} : { create: (h: H, ctx: NavContext) => ({ header: h, line: newLine(ctx, h) }) }),
  };
}

/** Captures a line before a PATCH; the returned function restores it if the PATCH fails. */
export function snapshotLine(r: LineRef): () => void {
  const copy = { ...r.line, dimensions: { ...r.line.dimensions } };
  return () => Object.assign(r.line, copy);
}

/** Global dimensions 1 and 2 are the company's first two dimensions (Shortcut Dimension 1/2). */
export function globalDimension(ctx: NavContext, index: 0 | 1): string | undefined {
  return ctx.state.dimensions[index]?.code;
}

export function lineDimension(
  ctx: NavContext,
  line: { dimensions: Record<string, string> },
  index: 0 | 1,
): string {
  const code = globalDimension(ctx, index);
  return code ? (line.dimensions[code] ?? '') : '';
}
