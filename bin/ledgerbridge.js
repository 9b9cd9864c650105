#!/usr/bin/env node
// The `ledgerbridge` command as package.json's `bin` names it. It runs the built CLI
// (dist/cli/index.js) when there is one at least as new as the sources, and otherwise the
// TypeScript sources through tsx, so `npx ledgerbridge` works right after `npm ci`, before any
// build. Either runs in this process: signals reach the command itself.
// LEDGERBRIDGE_RUN=dist or =source forces one (to troubleshoot a stale build).
import { existsSync, readdirSync, statSync } from 'node:fs';
import process from 'node:process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'cli', 'index.js');
const source = path.join(root, 'src', 'cli', 'index.ts');

/** The newest modification time of the .ts files under `dir` (0 when there are none). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function chooseEntry() {
  const forced = process.env.LEDGERBRIDGE_RUN;
  if (forced === 'dist' || forced === 'source') return forced;
  if (!existsSync(source)) return 'dist'; // installed from a registry: only dist/ ships
  if (!existsSync(built)) return 'source';
  return statSync(built).mtimeMs >= newestSource(path.join(root, 'src')) ? 'dist' : 'source';
}

if (chooseEntry() === 'dist') {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
}
