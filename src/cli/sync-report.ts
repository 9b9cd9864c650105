// What one sync run did, per system and entity, and how it is printed: the same report whether the
// run happened in this process (sync.ts) or in a running gateway (sync-gateway.ts).
import type { SourceSystem } from '../systems/registry.js';
import { table } from './common.js';

export interface SyncRow {
  system: SourceSystem;
  entity: string;
  /** What the read found; null when this run did not read the entity from the system. */
  read: {
    read: number;
    applied: number;
    unchanged: number;
    linked: number;
    rejected: { externalId: string; reason: string }[];
  } | null;
  /** Why the read failed (the next run resumes from the cursor). */
  failed: string | null;
  /** Outbox jobs for this system and entity this run enqueued or ran, by where they ended. */
  jobs: { succeeded: number; dead: number; conflicts: number; waiting: number };
}

export interface SyncRunReport {
  demo: boolean;
  full: boolean;
  startedAt: Date;
  finishedAt: Date;
  rows: SyncRow[];
  deadLetters: { id: string; system: string; entityType: string; entityId: string; error: string }[];
  /** Something needs a person: rejected, dead, conflict or a failed read. */
  problems: number;
}

export function printSyncReport(report: SyncRunReport): void {
  const dash = (n: number | undefined) => (n === undefined ? '—' : String(n));
  const seconds = ((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000).toFixed(1);
  console.log(
    `Sync ${report.full ? '(full read) ' : ''}${report.demo ? 'in demo mode (the sandboxes) ' : ''}finished in ${seconds} s.`,
  );
  console.log('READ…REJECTED: records read from the system; PUSHED…WAITING: outbox jobs sent to it.\n');
  process.stdout.write(
    table(
      [
        { header: 'SYSTEM' },
        { header: 'ENTITY' },
        { header: 'READ', align: 'right' },
        { header: 'APPLIED', align: 'right' },
        { header: 'UNCHANGED', align: 'right' },
        { header: 'LINKED', align: 'right' },
        { header: 'REJECTED', align: 'right' },
        { header: 'PUSHED', align: 'right' },
        { header: 'DEAD', align: 'right' },
        { header: 'CONFLICTS', align: 'right' },
        { header: 'WAITING', align: 'right' },
      ],
      report.rows.map((r) => [
        r.system,
        r.entity,
        r.failed ? 'failed' : dash(r.read?.read),
        dash(r.read?.applied),
        dash(r.read?.unchanged),
        dash(r.read?.linked),
        dash(r.read?.rejected.length),
        String(r.jobs.succeeded),
        String(r.jobs.dead),
        String(r.jobs.conflicts),
        String(r.jobs.waiting),
      ]),
    ),
  );
  const failed = report.rows.filter((r) => r.failed);
  if (failed.length) {
    console.log('\nReads that failed (the next run resumes where this one stopped):');
    for (const r of failed) console.log(`  ${r.system} ${r.entity}: ${r.failed}`);
  }
  const rejected = report.rows.flatMap((r) => (r.read?.rejected ?? []).map((x) => ({ ...x, r })));
  if (rejected.length) {
    console.log(
      '\nRejected (not applied; fix the cause, e.g. a code missing from LOOKUPS_FILE, and sync again):',
    );
    for (const x of rejected) console.log(`  ${x.r.system} ${x.r.entity} ${x.externalId}: ${x.reason}`);
  }
  if (report.deadLetters.length) {
    console.log('\nDead letters (`ledgerbridge dlq show <job>`, then `dlq edit` or `dlq replay`):');
    for (const d of report.deadLetters) console.log(`  ${d.id}  ${d.entityType} → ${d.system}  ${d.error}`);
  }
  const conflicts = report.rows.reduce((n, r) => n + r.jobs.conflicts, 0);
  if (conflicts)
    console.log(`\n${conflicts} conflict(s) recorded for a person to resolve (GraphQL \`conflicts\`).`);
  const waiting = report.rows.reduce((n, r) => n + r.jobs.waiting, 0);
  if (waiting) console.log(`\n${waiting} job(s) wait for a retry; the gateway or the next sync pushes them.`);
  console.log(
    report.problems
      ? `\n${report.problems} problem(s) need attention.`
      : '\nEverything read was applied or linked, and every push succeeded.',
  );
}
