// Where `ledgerbridge dlq` reads and replays dead letters: the database itself, or a running gateway
// through GraphQL (cli/gateway-client.ts) when one holds the data folder or is named. Both give the
// same jobs to the same printing in dlq.ts.
import type { EventBus } from '../events/bus.js';
import type { Database } from '../store/database.js';
import type { Job, JobJson, Outbox } from '../store/outbox.js';
import { openStore } from './common.js';
import { askGateway, findGateway, type GatewayTarget } from './gateway-client.js';
import { deadLettersQuery, editMutation, replayMutation, syncJobQuery } from './gateway-queries.js';

/** What the dlq printing reads of a job. */
export type DlqJob = Pick<
  Job,
  | 'id'
  | 'status'
  | 'entityType'
  | 'entityId'
  | 'system'
  | 'tenant'
  | 'operation'
  | 'attempts'
  | 'maxAttempts'
  | 'lastError'
  | 'dependsOn'
  | 'deadAt'
  | 'createdAt'
  | 'updatedAt'
  | 'payload'
>;

export interface DlqFilter {
  system: Job['system'] | null;
  entityType: Job['entityType'] | null;
}

export interface DlqSource {
  /** The dead letters matching the filter, newest first by death, at most `limit`, and how many match. */
  deadLetters(filter: DlqFilter, limit: number): Promise<{ total: number; jobs: DlqJob[] }>;
  find(id: string): Promise<DlqJob | null>;
  /** Every attempt; null when this source does not tell them (the gateway's API). */
  attempts(id: string): Promise<Awaited<ReturnType<Outbox['attempts']>> | null>;
  /** Replays these jobs (with a corrected payload: one job) and returns those replayed. */
  replay(ids: readonly string[], payload?: JobJson): Promise<DlqJob[]>;
  /**
   * Runs one `dlq replay` / `dlq edit` command. Straight on the database it leaves the CLI's own
   * audit entry (ok with the jobs it touched, or REFUSED / FAILED with the reason) and names the OS
   * user as the cause of what it writes; through a gateway its API audits the mutations it is sent.
   */
  audited<T>(
    operation: 'dlq replay' | 'dlq edit',
    args: Record<string, unknown>,
    run: (touched: string[]) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
}

const newestDeadFirst = (jobs: DlqJob[]) =>
  jobs.sort((a, b) => (b.deadAt?.getTime() ?? 0) - (a.deadAt?.getTime() ?? 0));

function directSource(db: Database, outbox: Outbox, events: EventBus): DlqSource {
  return {
    async deadLetters(filter, limit) {
      const total = (await outbox.counts())
        .filter(
          (c) =>
            c.status === 'DEAD' &&
            (!filter.system || c.system === filter.system) &&
            (!filter.entityType || c.entityType === filter.entityType),
        )
        .reduce((sum, c) => sum + c.count, 0);
      const jobs = await outbox.list({ status: ['DEAD'], ...filter }, Math.max(limit, 1));
      return { total, jobs: newestDeadFirst(jobs) };
    },
    find: (id) => outbox.find(id),
    attempts: (id) => outbox.attempts(id),
    async replay(ids, payload) {
      const { jobUpdatedEvent } = await import('../sync/runtime/job-events.js');
      const jobs = await outbox.replay(ids, payload);
      await events.publish(jobs.map(jobUpdatedEvent));
      return jobs;
    },
    async audited(operation, args, run) {
      const { auditedCli } = await import('./audit.js');
      return auditedCli(db, operation, args, run);
    },
    async close() {
      await events.close();
      await db.close();
    },
  };
}

interface GraphQLJob extends Omit<DlqJob, 'deadAt' | 'createdAt' | 'updatedAt' | 'dependsOn'> {
  deadAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The uuid in a global id (`SyncJob:<uuid>`, `Customer:<uuid>` in base64url). */
const uuidOf = (globalId: string) => {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
};
const globalJobId = (id: string) => Buffer.from(`SyncJob:${id}`).toString('base64url');

function fromGraphQL(job: GraphQLJob): DlqJob {
  return {
    ...job,
    id: uuidOf(job.id),
    entityId: uuidOf(job.entityId),
    dependsOn: [],
    deadAt: job.deadAt ? new Date(job.deadAt) : null,
    createdAt: new Date(job.createdAt),
    updatedAt: new Date(job.updatedAt),
  };
}

interface ReplayAnswer {
  jobs: GraphQLJob[];
  userErrors: { field: string[]; code: string; message: string }[];
}

function gatewaySource(target: GatewayTarget): DlqSource {
  return {
    async deadLetters(filter, limit) {
      const { deadLetters } = await askGateway<{
        deadLetters: { totalCount: number; nodes: GraphQLJob[] };
      }>(target, deadLettersQuery, {
        filter: {
          ...(filter.system ? { system: [filter.system] } : {}),
          ...(filter.entityType ? { entityType: [filter.entityType] } : {}),
        },
        first: Math.min(Math.max(limit, 1), 500),
      });
      return { total: deadLetters.totalCount, jobs: newestDeadFirst(deadLetters.nodes.map(fromGraphQL)) };
    },
    async find(id) {
      const data = await askGateway<{ syncJob: GraphQLJob | null }>(target, syncJobQuery, {
        id: globalJobId(id),
      });
      return data.syncJob ? fromGraphQL(data.syncJob) : null;
    },
    attempts: async () => null,
    async replay(ids, payload) {
      const answer = payload
        ? (
            await askGateway<{ editDeadLetter: ReplayAnswer }>(target, editMutation, {
              id: globalJobId(ids[0] ?? ''),
              payload,
            })
          ).editDeadLetter
        : (
            await askGateway<{ replayDeadLetters: ReplayAnswer }>(target, replayMutation, {
              ids: ids.map(globalJobId),
            })
          ).replayDeadLetters;
      return answer.jobs.map(fromGraphQL);
    },
    audited: (_operation, _args, run) => run([]),
    close: async () => {},
  };
}

/** The gateway's API when one runs (or is named), the database otherwise. */
export async function openDlqSource(gatewayUrl?: string): Promise<DlqSource> {
  const { loadConfig } = await import('../config/load.js');
  const config = loadConfig();
  const target = await findGateway(config, gatewayUrl);
  if (target) return gatewaySource(target);
  const { Outbox } = await import('../store/outbox.js');
  const { EventBus } = await import('../events/bus.js');
  const { EventLog } = await import('../store/event-log.js');
  const db = await openStore(config, { migrate: false });
  const events = EventBus.create(new EventLog(db.prisma), config.REDIS_URL);
  return directSource(db, new Outbox(db.prisma), events);
}
