// Third-party ground truth (Xero's OpenAPI spec, Business Central $metadata) lives outside the
// project in ../shared/. On a user's machine it is absent: the checks that need it skip, saying so.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Folder holding the third-party reference files; LEDGERBRIDGE_SHARED_DIR overrides it. */
export const sharedDir = process.env.LEDGERBRIDGE_SHARED_DIR ?? path.resolve(repoRoot, '../shared');

/** Absolute path of a reference file, or null (with a printed reason) when it is not on this machine. */
export function sharedFile(relativePath: string): string | null {
  const file = path.join(sharedDir, relativePath);
  if (existsSync(file)) return file;
  console.warn(
    `[skip] ${relativePath} not found under ${sharedDir}: the checks against it are skipped ` +
      '(set LEDGERBRIDGE_SHARED_DIR to the folder holding xero-openapi/ and nav-metadata/ to run them).',
  );
  return null;
}
