// What the operating commands (dlq, sync, reconcile) share: exit codes, a logger that keeps stdout
// for the command's own output, option parsing, plain-text tables and an optional progress bar.
// Heavy modules (Prisma, connectors) are imported by the commands when they run, not here, so
// `ledgerbridge --help` stays fast.
import type { Command } from 'commander';
import type { Config } from '../config/schema.js';
import type { Logger } from '../ops/logger.js';
import type { Database } from '../store/database.js';

/**
 * Exit codes of the operating commands:
 * 0 done, nothing to report; 1 done, but something needs a person (a rejected record, a dead
 * letter, a mismatch) or the request was refused (unknown id, invalid payload) and nothing changed;
 * 2 bad configuration or options; 3 could not run (database or a system unreachable).
 */
export const exitCodes = { ok: 0, problems: 1, usage: 2, failed: 3 } as const;

/** A refusal with a message for the operator and the exit code that goes with it. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.problems,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, exitCodes.usage);

/**
 * Commander's own refusals (unknown option, missing argument) exit 2 like every usage error here,
 * instead of commander's 1, which these commands keep for "something needs a person". Subcommands
 * added afterwards inherit it.
 */
export function usageExits(cmd: Command): Command {
  return cmd.exitOverride((error) => process.exit(error.exitCode === 0 ? exitCodes.ok : exitCodes.usage));
}

/**
 * Runs a command: a CliError prints its message and sets its exit code, a configuration error
 * exits 2, anything else prints its message and exits 3. A command that returns a number sets the
 * exit code with it.
 */
export function command<A extends unknown[]>(run: (...args: A) => Promise<number | void>) {
  return async (...args: A): Promise<void> => {
    let code: number;
    try {
      code = (await run(...args)) ?? exitCodes.ok;
    } catch (error) {
      const { ConfigError } = await import('../config/load.js');
      if (error instanceof CliError || error instanceof ConfigError) {
        console.error(error.message);
        code = error instanceof CliError ? error.exitCode : exitCodes.usage;
      } else if (error instanceof Error && error.name === 'DataDirLocked') {
        console.error(error.message);
        code = exitCodes.failed;
      } else {
        const debug = /^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '');
        const detail =
          error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
        console.error(`ledgerbridge: ${detail}${debug ? '' : ' (LOG_LEVEL=debug shows where)'}`);
        code = exitCodes.failed;
      }
    }
    process.exitCode = code;
    // Everything is closed by now; a keep-alive socket or timer left by a library must not hold
    // the process (and a script waiting on it) open.
    setTimeout(() => process.exit(code), 2_000).unref();
  };
}

/** Logs on stderr (pretty on a terminal), so stdout carries only the command's output (or JSON). */
export async function cliLogger(level: string): Promise<Logger> {
  const { pino } = await import('pino');
  const { redactedPaths } = await import('../ops/logger.js');
  const options = { level, redact: { paths: redactedPaths, censor: '[redacted]' } };
  if (process.stderr.isTTY) {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard', destination: 2 } },
    });
  }
  return pino(options, pino.destination(2));
}

/** Opens the configured database; `migrate` applies pending migrations, as `serve` does. */
export async function openStore(config: Config, options: { migrate: boolean }): Promise<Database> {
  const { openDatabase } = await import('../store/database.js');
  const db = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  try {
    if (options.migrate) await db.migrate();
    else {
      const pending = await db.pendingMigrations();
      if (pending.length)
        throw new CliError(
          `The database needs ${pending.length} migration(s) first: run \`ledgerbridge migrate\`.`,
          exitCodes.usage,
        );
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** One value of `allowed`, case-insensitive; a usage error naming them otherwise. */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw usageError(`${option}: "${value}" is not one of ${allowed.join(', ')}.`);
  return found;
}

/** A comma-separated list of values of `allowed` (each once, in the order given). */
export function listOf<T extends string>(option: string, value: string, allowed: readonly T[]): T[] {
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (items.length === 0) throw usageError(`${option}: name at least one of ${allowed.join(', ')}.`);
  return [...new Set(items.map((v) => oneOf(option, v, allowed)))];
}

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** A plain-text table: one header line, a rule, the rows; columns padded to their widest cell. */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const width = (s: string) => [...s].length;
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const pad = ' '.repeat((widths[i] ?? 0) - width(cell));
        return c.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)]
    .join('\n')
    .concat('\n');
}

/** `2026-05-01 14:03:22Z` */
export const timestamp = (date: Date | null | undefined): string =>
  date
    ? date
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z')
    : '—';

export interface Progress {
  start(total: number, step: string): void;
  advance(step: string): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a terminal (cli-progress); nothing otherwise, so pipes, logs
 * and CI output stay clean.
 */
export async function progressBar(enabled = Boolean(process.stderr.isTTY)): Promise<Progress> {
  if (!enabled) return { start() {}, advance() {}, stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {value}/{total} {step}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    start(total, step) {
      bar.start(total, 0, { step });
      started = true;
    },
    advance(step) {
      if (started) bar.increment(1, { step });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** Reads the entire standard input (`--payload -`). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
