// `ledgerbridge audit`: the audit trail on the database — `verify` walks the hash chain, `list`
// prints recent entries — and `auditedCli`, which records the CLI's own admin actions (keys, dlq)
// as the OS user running them.
import type { Command } from 'commander';
import type { Database } from '../store/database.js';
import type { AuditRow } from '../store/audit-log.js';
import {
  CliError,
  command,
  exitCodes,
  openStore,
  table,
  timestamp,
  usageError,
  usageExits,
} from './common.js';

async function withTrail<T>(run: (db: Database) => Promise<T>): Promise<T> {
  const { loadConfig } = await import('../config/load.js');
  const db = await openStore(loadConfig(), { migrate: false });
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

/**
 * Runs an admin action of the CLI with the OS user as its cause (the jobs and events it writes name
 * them) and appends one audit entry: ok with the ids it touched, or REFUSED / FAILED.
 */
export async function auditedCli<T>(
  db: Database,
  operation: string,
  args: Record<string, unknown>,
  run: (touched: string[]) => Promise<T>,
): Promise<T> {
  const { AuditLog } = await import('../store/audit-log.js');
  const { actorLabel, cliActor } = await import('../audit/actor.js');
  const { withCause } = await import('../audit/cause.js');
  const { redact } = await import('../audit/redact.js');
  const actor = cliActor();
  const trail = new AuditLog(db.prisma);
  const touched: string[] = [];
  const entry = { actor, operation: `ledgerbridge ${operation}`, touched };
  try {
    const result = await withCause(actorLabel(actor), () => run(touched));
    await trail.append({ ...entry, arguments: redact(args), outcome: 'ok' });
    return result;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await trail.append({
      ...entry,
      arguments: redact({ ...args, reason }),
      outcome: error instanceof CliError ? 'REFUSED' : 'FAILED',
    });
    throw error;
  }
}

async function verify(): Promise<number> {
  const { AuditLog } = await import('../store/audit-log.js');
  const { ChainWalker } = await import('../audit/chain.js');
  return withTrail(async (db) => {
    const walker = new ChainWalker();
    for await (const row of new AuditLog(db.prisma).walk()) {
      const broken = walker.next(row);
      if (broken) {
        console.error(`audit trail BROKEN at entry ${broken.seq} (${broken.kind}): ${broken.message}.`);
        console.error(`The ${walker.count} entries before it are intact.`);
        return exitCodes.problems;
      }
    }
    console.log(`audit trail intact: ${walker.count} entries`);
    return exitCodes.ok;
  });
}

const who = (row: AuditRow) =>
  [row.actorKind, row.actorName ?? row.actorId, row.actorRole ? `(${row.actorRole})` : null]
    .filter(Boolean)
    .join(' ');

async function list(options: { limit: string; json?: boolean }): Promise<number> {
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) throw usageError('--limit: a whole number from 1.');
  const { AuditLog } = await import('../store/audit-log.js');
  return withTrail(async (db) => {
    const rows = await new AuditLog(db.prisma).recent(limit);
    if (options.json) {
      console.log(JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2));
      return exitCodes.ok;
    }
    if (rows.length === 0) {
      console.log('The audit trail is empty.');
      return exitCodes.ok;
    }
    const oneLine = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
    process.stdout.write(
      table(
        ['SEQ', 'AT', 'WHO', 'OPERATION', 'OUTCOME', 'REQUEST', 'ARGUMENTS'].map((header) => ({ header })),
        rows.map((r) => [
          r.seq.toString(),
          timestamp(r.at),
          who(r),
          r.operation,
          r.outcome,
          r.requestId ?? '—',
          oneLine(JSON.stringify(r.arguments)),
        ]),
      ),
    );
    return exitCodes.ok;
  });
}

export function registerAudit(program: Command): void {
  const audit = usageExits(
    program.command('audit').description('the append-only, hash-chained audit trail (on the database)'),
  );
  audit
    .command('verify')
    .description('walk the hash chain: exit 0 when intact, 1 naming the first edited or missing entry')
    .action(command(verify));
  audit
    .command('list')
    .description('the latest entries, newest first')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON')
    .action(command(list));
}
