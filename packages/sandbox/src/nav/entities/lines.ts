// Document lines are served as (header, line) pairs: amounts depend on the header (prices incl. VAT),
// keys include the header's number, and writes must validate against the header's status.
import type { NavContext } from '../context.js';
import type { DocHeader, DocLine } from '../state.js';

export interface LineRef<H extends DocHeader = DocHeader> {
  header: H;
  line: DocLine;
}

export const linesOf = <H extends DocHeader>(header: H): LineRef<H>[] =>
  header.lines.map((line) => ({ header, line }));

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
