// `sync` and `reconcile` through a running gateway: the same reports as the direct path (so the
// same printing), built from its GraphQL answers. A sync run is one waited `resync` per system and
// entity in the engine's order, then a wait until the gateway's workers hold no job for those
// systems; what they pushed is read back from `syncJobs`.
import { Decimal } from 'decimal.js';
import type { SourceSystem } from '../systems/registry.js';
import type { SyncedEntity } from '../sync/engine.js';
import type { ReconciliationReport, ReconciliationRow } from '../workflows/totals-reconciliation.js';
import type { TrialBalance, TrialBalanceRow } from '../workflows/trial-balance.js';
import type { Progress } from './common.js';
import { askGateway, type GatewayTarget } from './gateway-client.js';
import {
  ledgerRangeQuery,
  reconciliationQuery,
  recentJobsQuery,
  resyncMutation,
  syncStatusQuery,
  trialBalanceQuery,
} from './gateway-queries.js';
import type { SyncRow, SyncRunReport } from './sync-report.js';

const uuidOf = (globalId: string) => {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
};
/** `ledgerEntry` → `LEDGER_ENTRY`, as the SyncEntity enum names it. */
const enumName = (entity: string) => entity.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

interface ResyncAnswer {
  resync: { started: boolean; report: NonNullable<SyncRow['read']> & { linked: number } };
}
interface JobAnswer {
  id: string;
  status: string;
  entityType: string;
  entityId: string;
  system: SourceSystem;
  lastError: { kind: string; message: string } | null;
  updatedAt: string;
}

/** Until the gateway's workers hold no queued or running job for these systems. */
async function pushed(target: GatewayTarget, systems: readonly SourceSystem[]): Promise<void> {
  for (;;) {
    const { syncStatus } = await askGateway<{
      syncStatus: { system: SourceSystem; pending: number }[];
    }>(target, syncStatusQuery);
    if (!syncStatus.some((s) => systems.includes(s.system) && s.pending > 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function syncThroughGateway(
  target: GatewayTarget,
  options: {
    entities: readonly SyncedEntity[];
    systems: readonly SourceSystem[];
    full: boolean;
    demo: boolean;
  },
  progress: Progress,
): Promise<SyncRunReport> {
  const { syncedEntities } = await import('../sync/engine.js');
  const { readOrder } = await import('../systems/modules.js');
  const startedAt = new Date();
  const rows = new Map<string, SyncRow>();
  const row = (system: SourceSystem, entity: string) => {
    const key = `${system}:${entity}`;
    let found = rows.get(key);
    if (!found) {
      found = {
        system,
        entity,
        read: null,
        failed: null,
        jobs: { succeeded: 0, dead: 0, conflicts: 0, waiting: 0 },
      };
      rows.set(key, found);
    }
    return found;
  };
  const entities = syncedEntities.filter((e) => options.entities.includes(e));
  const systems = readOrder(options.systems);
  const steps = entities.flatMap((entity) => systems.map((system) => ({ entity, system })));
  progress.start(steps.length + 1, steps[0] ? `${steps[0].system} ${steps[0].entity}` : 'pushing');
  for (const [i, { entity, system }] of steps.entries()) {
    const entry = row(system, entity);
    try {
      const { resync } = await askGateway<ResyncAnswer>(target, resyncMutation, {
        entity: enumName(entity),
        system,
        full: options.full,
      });
      entry.read = { ...resync.report };
    } catch (error) {
      entry.failed = error instanceof Error ? error.message : String(error);
    }
    const next = steps[i + 1];
    progress.advance(next ? `${next.system} ${next.entity}` : 'pushing');
  }
  await pushed(target, systems);
  progress.advance('done');
  // The jobs this run is answerable for: those the gateway changed since it started.
  const { syncJobs } = await askGateway<{ syncJobs: { nodes: JobAnswer[] } }>(target, recentJobsQuery, {
    first: 500,
  });
  const deadLetters: SyncRunReport['deadLetters'] = [];
  for (const job of syncJobs.nodes) {
    if (!systems.includes(job.system) || new Date(job.updatedAt) < startedAt) continue;
    const counts = row(job.system, job.entityType.toLowerCase()).jobs;
    if (job.status === 'SUCCEEDED') counts.succeeded += 1;
    else if (job.status === 'DEAD') {
      counts.dead += 1;
      deadLetters.push({
        id: uuidOf(job.id),
        system: job.system,
        entityType: job.entityType,
        entityId: uuidOf(job.entityId),
        error: `${job.lastError?.kind ?? 'error'}: ${job.lastError?.message ?? '(no message)'}`,
      });
    } else if (job.status === 'CANCELLED') counts.conflicts += 1;
    else counts.waiting += 1;
  }
  const all = [...rows.values()];
  const problems = all.reduce(
    (n, r) => n + (r.read?.rejected.length ?? 0) + (r.failed ? 1 : 0) + r.jobs.dead + r.jobs.conflicts,
    0,
  );
  return {
    demo: options.demo,
    full: options.full,
    startedAt,
    finishedAt: new Date(),
    rows: all,
    deadLetters,
    problems,
  };
}

type Wire<T> = {
  [K in keyof T]: T[K] extends Decimal ? string : T[K] extends Decimal | null ? string | null : T[K];
};
interface BookWire {
  documents: number;
  invoiced: string;
  outstanding: string;
}
interface RowWire extends Omit<Wire<ReconciliationRow>, 'nav' | 'xero'> {
  nav: BookWire | null;
  xero: BookWire | null;
}

const decimal = (value: string | null) => (value === null ? null : new Decimal(value));
const totals = (b: BookWire | null) =>
  b
    ? { documents: b.documents, invoiced: new Decimal(b.invoiced), outstanding: new Decimal(b.outstanding) }
    : null;

export async function reconcileThroughGateway(target: GatewayTarget): Promise<ReconciliationReport> {
  const { reconciliation: r } = await askGateway<{
    reconciliation: {
      checkedAt: string;
      mismatches: number;
      pagesRead: { system: SourceSystem; pages: number }[];
      rows: RowWire[];
    };
  }>(target, reconciliationQuery);
  return {
    checkedAt: new Date(r.checkedAt),
    mismatches: r.mismatches,
    pagesRead: Object.fromEntries(r.pagesRead.map((p) => [p.system, p.pages])),
    rows: r.rows.map((row) => ({
      ...row,
      partyId: row.partyId ? uuidOf(row.partyId) : null,
      nav: totals(row.nav),
      xero: totals(row.xero),
      invoicedDifference: decimal(row.invoicedDifference),
      outstandingDifference: decimal(row.outstandingDifference),
    })),
  };
}

/** Reads each system's ledger into the gateway's mirror; entries read per system. */
export async function readLedgersThroughGateway(
  target: GatewayTarget,
  systems: readonly SourceSystem[],
): Promise<Record<string, number>> {
  const read: Record<string, number> = {};
  for (const system of systems) {
    const { resync } = await askGateway<ResyncAnswer>(target, resyncMutation, {
      entity: 'LEDGER_ENTRY',
      system,
      full: false,
    });
    read[system] = resync.report.read;
  }
  return read;
}

interface TbBookWire {
  accounts: string[];
  debit: string;
  credit: string;
  balance: string;
  entries: number;
}
type TbRowWire = Omit<TrialBalanceRow, 'nav' | 'xero' | 'difference' | 'period'> & {
  nav: TbBookWire | null;
  xero: TbBookWire | null;
  difference: string;
};
const tbBook = (b: TbBookWire | null) =>
  b
    ? { ...b, debit: new Decimal(b.debit), credit: new Decimal(b.credit), balance: new Decimal(b.balance) }
    : null;
const dc = (t: { debit: string; credit: string }) => ({
  debit: new Decimal(t.debit),
  credit: new Decimal(t.credit),
});

export async function trialBalanceThroughGateway(
  target: GatewayTarget,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<TrialBalance> {
  let { from, to } = range;
  if (!from || !to) {
    // As the direct path: the range the mirror holds, or today when it holds nothing.
    const held = await askGateway<{
      first: { nodes: { postingDate: string }[] };
      last: { nodes: { postingDate: string }[] };
    }>(target, ledgerRangeQuery);
    const today = new Date().toISOString().slice(0, 10);
    from ??= held.first.nodes[0]?.postingDate ?? today;
    to ??= held.last.nodes[0]?.postingDate ?? today;
  }
  const { trialBalance: tb } = await askGateway<{
    trialBalance: {
      from: string;
      to: string;
      mismatches: number;
      navTotals: { debit: string; credit: string };
      xeroTotals: { debit: string; credit: string };
      rows: TbRowWire[];
    };
  }>(target, trialBalanceQuery, { from, to });
  return {
    from: tb.from,
    to: tb.to,
    mismatches: tb.mismatches,
    totals: { nav: dc(tb.navTotals), xero: dc(tb.xeroTotals) },
    rows: tb.rows.map((r) => ({
      ...r,
      period: null,
      nav: tbBook(r.nav),
      xero: tbBook(r.xero),
      difference: new Decimal(r.difference),
    })),
  };
}
