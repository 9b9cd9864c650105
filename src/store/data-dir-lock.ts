// One process holds an embedded (PGlite) data folder at a time: two processes opening the same
// folder would each cache and write its pages, which corrupts it. The holder is named in a lock
// file (pid, command, start time, and the GraphQL URL once a gateway serves), so a second process
// can say who holds it, and the CLI can find the gateway to go through instead. A lock whose
// process is gone (a crash, a kill -9) is taken over.
import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const lockFileName = 'ledgerbridge.lock';

export interface LockHolder {
  pid: number;
  /** The command line, e.g. `ledgerbridge serve`. */
  command: string;
  startedAt: string;
  /** Where the gateway holding it serves GraphQL, once it does. */
  url?: string;
  /** Tells this holding apart from an earlier one by a process that had the same pid. */
  token: string;
}

/** The data folder is held by a live process. */
export class DataDirLocked extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder ${dataDir} is in use by pid ${holder.pid} (${holder.command}, since ${holder.startedAt}` +
        `${holder.url ? `, serving ${holder.url}` : ''}); one process at a time opens an embedded database: ` +
        `stop it, or ${holder.url ? 'let the command go through it' : 'wait for it to finish'}.`,
    );
    this.name = 'DataDirLocked';
  }
}

export interface DataDirLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Adds the URL the gateway serves at, for the CLI to find it. */
  announce(url: string): Promise<void>;
  release(): Promise<void>;
}

/** Whether a process with this pid runs (EPERM: it does, as another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder named in the folder's lock file, or null (no file, or one that cannot be read). */
export async function readLockHolder(dataDir: string): Promise<LockHolder | null> {
  try {
    const holder = JSON.parse(await readFile(path.join(dataDir, lockFileName), 'utf8')) as LockHolder;
    return typeof holder?.pid === 'number' ? holder : null;
  } catch {
    return null;
  }
}

const commandLine = () =>
  ['ledgerbridge', ...process.argv.slice(2)].join(' ').trim() || path.basename(process.argv[1] ?? 'node');

/** Writes through a temporary file and a rename, so a reader never sees half a lock. */
async function rewrite(file: string, holder: LockHolder): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(holder, null, 2) + '\n', { mode: 0o644 });
  await rename(temporary, file);
}

/**
 * Takes the folder's lock, or throws DataDirLocked naming the live holder. A lock left by a process
 * that is gone is taken over, and `onTakeOver` says so.
 */
export async function lockDataDir(
  dataDir: string,
  onTakeOver: (stale: LockHolder) => void = () => {},
): Promise<DataDirLock> {
  const file = path.join(dataDir, lockFileName);
  const holder: LockHolder = {
    pid: process.pid,
    command: commandLine(),
    startedAt: new Date().toISOString(),
    token: randomUUID(),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o644);
      try {
        await handle.writeFile(JSON.stringify(holder, null, 2) + '\n');
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      const current = await readLockHolder(dataDir);
      if (current && processAlive(current.pid)) throw new DataDirLocked(dataDir, current);
      // Gone (or unreadable: a lock file is written whole, so only a crash mid-write leaves that).
      if (current) onTakeOver(current);
      await unlink(file).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
  }
  const ours = () => {
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as LockHolder).token === holder.token;
    } catch {
      return false;
    }
  };
  // A process that exits without closing the database (an uncaught error) still lets go.
  const onExit = () => {
    if (ours()) unlinkSync(file);
  };
  process.once('exit', onExit);
  let released = false;
  return {
    file,
    holder,
    async announce(url) {
      holder.url = url;
      if (!released && ours()) await rewrite(file, holder);
    },
    async release() {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      if (ours()) await unlink(file).catch(() => {});
    },
  };
}
