// Stable GUIDs for code-keyed setup records BC exposes only by id (payment terms, currencies,
// units of measure…): derived from the code so they are the same on every run.
import { createHash } from 'node:crypto';

export function codeGuid(kind: string, code: string): string {
  const h = createHash('sha1').update(`${kind}:${code}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
