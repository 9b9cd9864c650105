// `ledgerbridge dlq`: the dead-letter queue from a terminal — list, show, replay, edit. The same
// rules as GraphQL's deadLetters / replayDeadLetters / editDeadLetter: only dead letters are
// replayed, a corrected payload is a JSON object, and every replayed job publishes its
// SYNC_JOB_UPDATED event through the event bus (so dashboards and other gateway processes see it).
// Unlike the mutation, a request naming any id that cannot be replayed replays nothing.
// The gateway's workers push replayed jobs; `ledgerbridge sync` also drains them.
import { payloadProblems } from '../sync/pipelines/payload-check.js';
import { sourceSystems } from '../systems/registry.js';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Job, JobJson } from '../store/outbox.js';
import { openDlqSource, type DlqJob, type DlqSource } from './dlq-source.js';
import { withGatewayOption, type GatewayOption } from './gateway-client.js';
import {
  CliError,
  command,
  exitCodes,
  oneOf,
  progressBar,
  readStdin,
  table,
  timestamp,
  usageError,
  usageExits,
} from './common.js';

export const jobSystems = sourceSystems;
export const jobEntityTypes = [
  'CUSTOMER',
  'VENDOR',
  'ITEM',
  'SALES_ORDER',
  'INVOICE',
  'BILL',
  'PAYMENT',
  'LEDGER_ENTRY',
  'DIMENSION',
  'DIMENSION_VALUE',
] as const satisfies readonly Job['entityType'][];
// Fails to compile when the schema gains an entity type this list does not name.
const _everyEntityType: Exclude<Job['entityType'], (typeof jobEntityTypes)[number]> extends never
  ? true
  : never = true;

interface FilterOptions extends GatewayOption {
  system?: string;
  entity?: string;
}
interface ListOptions extends FilterOptions {
  json?: boolean;
  limit: string;
}
interface ReplayOptions extends FilterOptions {
  all?: boolean;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A job id as stored (uuid), or as GraphQL shows it (the SyncJob global id); null otherwise. */
export function parseJobId(text: string): string | null {
  const value = text.trim();
  if (uuidPattern.test(value)) return value.toLowerCase();
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^SyncJob:(.+)$/.exec(decoded);
  return match?.[1] && uuidPattern.test(match[1]) ? match[1].toLowerCase() : null;
}

const graphqlId = (id: string) => Buffer.from(`SyncJob:${id}`).toString('base64url');

interface ErrorJson {
  kind?: string;
  message?: string;
  status?: number | null;
  code?: string | null;
  fieldErrors?: { field: string; message: string }[];
}
const lastErrorOf = (job: DlqJob) => (job.lastError ?? null) as ErrorJson | null;
const errorText = (error: ErrorJson | null) =>
  error ? `${error.kind ?? 'error'}: ${error.message ?? '(no message)'}` : '—';

/** The record's number from the payload (customer No., invoice number), when it has one. */
function recordNumber(job: DlqJob): string | null {
  const payload = job.payload as { number?: unknown } | null;
  return payload && typeof payload.number === 'string' ? payload.number : null;
}

function jobJson(job: DlqJob) {
  return {
    id: job.id,
    graphqlId: graphqlId(job.id),
    status: job.status,
    entityType: job.entityType,
    entityId: job.entityId,
    number: recordNumber(job),
    system: job.system,
    tenant: job.tenant,
    operation: job.operation,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: lastErrorOf(job),
    dependsOn: job.dependsOn,
    deadAt: job.deadAt,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

function filterOf(options: FilterOptions) {
  return {
    system: options.system ? oneOf('--system', options.system, jobSystems) : null,
    entityType: options.entity ? oneOf('--entity', options.entity, jobEntityTypes) : null,
  };
}

const describeFilter = (filter: ReturnType<typeof filterOf>) =>
  [filter.system, filter.entityType].filter(Boolean).join(' ');

/**
 * Runs with the dead letters' source: a running gateway's API, or the store (already migrated:
 * this command never changes the schema) and the event bus.
 */
async function withDlq<T>(gateway: string | undefined, run: (dlq: DlqSource) => Promise<T>): Promise<T> {
  const source = await openDlqSource(gateway);
  try {
    return await run(source);
  } finally {
    await source.close();
  }
}

async function list(options: ListOptions): Promise<number> {
  const filter = filterOf(options);
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) throw usageError('--limit: a whole number from 1.');
  return withDlq(options.gateway, async (dlq) => {
    // Newest first: the most recently dead at the top (a replayed job that died again included).
    const { total, jobs } = await dlq.deadLetters(filter, limit);
    if (options.json) {
      console.log(JSON.stringify({ total, deadLetters: jobs.map(jobJson) }, null, 2));
      return exitCodes.ok;
    }
    const scope = describeFilter(filter);
    if (jobs.length === 0) {
      console.log(`No dead letters${scope ? ` for ${scope}` : ''}.`);
      return exitCodes.ok;
    }
    const oneLine = (s: string) => (s.length > 100 ? `${s.slice(0, 99)}…` : s).replace(/\s+/g, ' ');
    process.stdout.write(
      table(
        [
          { header: 'JOB' },
          { header: 'ENTITY' },
          { header: 'RECORD' },
          { header: 'SYSTEM' },
          { header: 'ATTEMPTS', align: 'right' },
          { header: 'LAST ERROR' },
          { header: 'DEAD SINCE' },
        ],
        jobs.map((job) => [
          job.id,
          job.entityType,
          recordNumber(job) ? `${job.entityId} (${recordNumber(job)})` : job.entityId,
          job.system,
          String(job.attempts),
          oneLine(errorText(lastErrorOf(job))),
          timestamp(job.deadAt),
        ]),
      ),
    );
    console.log(
      total > jobs.length
        ? `${jobs.length} of ${total} dead letters${scope ? ` for ${scope}` : ''} (--limit shows more).`
        : `${total} dead letter${total === 1 ? '' : 's'}${scope ? ` for ${scope}` : ''}.`,
    );
    return exitCodes.ok;
  });
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const indent = (text: string, by = '    ') =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

function jobIdOrRefuse(text: string): string {
  const id = parseJobId(text);
  if (!id) throw new CliError(`"${text}" is not a job id (a uuid, or a SyncJob id from GraphQL).`);
  return id;
}

async function show(jobIdText: string, options: { json?: boolean } & GatewayOption): Promise<number> {
  const id = jobIdOrRefuse(jobIdText);
  return withDlq(options.gateway, async (dlq) => {
    const job = await dlq.find(id);
    if (!job) throw new CliError(`No job ${id}.`);
    const told = await dlq.attempts(id);
    const attempts = told ?? [];
    if (options.json) {
      console.log(pretty({ ...jobJson(job), payload: job.payload, attemptLog: told }));
      return exitCodes.ok;
    }
    const error = lastErrorOf(job);
    const lines = [
      `Job ${job.id}${job.status === 'DEAD' ? ' — dead letter' : ''}`,
      `  GraphQL id  ${graphqlId(job.id)}`,
      `  status      ${job.status}${job.status === 'DEAD' ? ` since ${timestamp(job.deadAt)}` : ''}`,
      `  record      ${job.entityType} ${job.entityId}${recordNumber(job) ? ` (${recordNumber(job)})` : ''}`,
      `  target      ${job.system} ${job.tenant}`,
      `  operation   ${job.operation}`,
      `  attempts    ${job.attempts} of ${job.maxAttempts}`,
      `  last error  ${errorText(error)}`,
      ...(error?.status != null || error?.code
        ? [
            `              ${[error.status != null ? `HTTP ${error.status}` : null, error.code].filter(Boolean).join(' ')}`,
          ]
        : []),
      ...(error?.fieldErrors ?? []).map((f) => `              ${f.field}: ${f.message}`),
      ...(job.dependsOn.length ? [`  depends on  ${job.dependsOn.join(', ')}`] : []),
      `  created     ${timestamp(job.createdAt)}`,
      '',
      'Payload:',
      pretty(job.payload),
      '',
      told === null
        ? 'Attempts: the gateway API does not list them (stop the gateway, or see its logs).'
        : attempts.length
          ? `Attempts (${attempts.length}):`
          : 'Attempts: none yet.',
    ];
    for (const a of attempts) {
      lines.push(
        `  #${a.attempt}  ${timestamp(a.startedAt)}  ${a.outcome}${a.errorKind ? ` (${a.errorKind})` : ''}  worker ${a.workerId}`,
      );
      if (a.message) lines.push(`      ${a.message}`);
      if (a.upstream != null) lines.push('      upstream response:', indent(pretty(a.upstream), '      '));
    }
    console.log(lines.join('\n'));
    return exitCodes.ok;
  });
}

/** Replays the jobs (in chunks: one transaction each) and publishes their SYNC_JOB_UPDATED events. */
async function replayJobs(
  dlq: DlqSource,
  ids: readonly string[],
  payload?: JobJson,
  onChunk?: (done: number) => void,
): Promise<DlqJob[]> {
  const replayed: DlqJob[] = [];
  const chunk = 200;
  for (let i = 0; i < ids.length; i += chunk) {
    const jobs = await dlq.replay(ids.slice(i, i + chunk), payload);
    replayed.push(...jobs);
    onChunk?.(Math.min(i + chunk, ids.length));
  }
  return replayed;
}

/** Why each of these jobs cannot be replayed; empty when all are dead letters. */
async function refusals(dlq: DlqSource, ids: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const id of ids) {
    const job = await dlq.find(id);
    if (!job) problems.push(`No job ${id}.`);
    else if (job.status !== 'DEAD') problems.push(`${id} is not a dead letter (it is ${job.status}).`);
  }
  return problems;
}

function printReplayed(jobs: readonly DlqJob[]): void {
  console.log(
    `Replayed ${jobs.length} dead letter${jobs.length === 1 ? '' : 's'}: back in the queue for the gateway's workers (or \`ledgerbridge sync\`).`,
  );
  for (const job of jobs)
    console.log(`  ${job.id}  ${job.entityType} ${recordNumber(job) ?? job.entityId} → ${job.system}`);
}

async function replay(jobIdTexts: string[], options: ReplayOptions): Promise<number> {
  if (options.all && jobIdTexts.length) throw usageError('Name job ids or --all, not both.');
  if (!options.all && !jobIdTexts.length)
    throw usageError('Name the dead letters to replay (job ids), or --all.');
  if (!options.all && (options.system || options.entity))
    throw usageError('--system and --entity choose what --all replays; they go with --all.');
  const filter = filterOf(options);
  if (options.all) {
    const args = {
      all: true,
      ...(filter.system ? { system: filter.system } : {}),
      ...(filter.entityType ? { entity: filter.entityType } : {}),
    };
    return withDlq(options.gateway, (dlq) =>
      dlq.audited('dlq replay', args, async (touched) => {
        const { total } = await dlq.deadLetters(filter, 1);
        const scope = describeFilter(filter);
        if (total === 0) {
          console.log(`No dead letters${scope ? ` for ${scope}` : ''} to replay.`);
          return exitCodes.ok;
        }
        // The dead letters as of now; any that die again while this runs are left for next time.
        const ids = (await dlq.deadLetters(filter, total)).jobs.map((j) => j.id);
        const progress = await progressBar(Boolean(process.stderr.isTTY) && ids.length > 200);
        progress.start(ids.length, 'replaying');
        try {
          const replayed = await replayJobs(dlq, ids, undefined, () => progress.advance('replaying'));
          touched.push(...replayed.map((j) => j.id));
          printReplayed(replayed);
        } finally {
          progress.stop();
        }
        if (ids.length < total) {
          // Through a gateway a request names at most 500; the rest wait for the next run.
          console.error(`${total - ids.length} more dead letter(s) were not replayed: run it again.`);
          return exitCodes.problems;
        }
        return exitCodes.ok;
      }),
    );
  }
  const ids = [...new Set(jobIdTexts.map(jobIdOrRefuse))];
  return withDlq(options.gateway, (dlq) =>
    dlq.audited('dlq replay', { jobIds: ids }, async (touched) => {
      const problems = await refusals(dlq, ids);
      if (problems.length) throw new CliError([...problems, 'Nothing was replayed.'].join('\n'));
      const replayed = await replayJobs(dlq, ids);
      touched.push(...replayed.map((j) => j.id));
      printReplayed(replayed);
      const done = new Set(replayed.map((j) => j.id));
      const missed = ids.filter((id) => !done.has(id));
      if (missed.length) {
        // Only when another process replayed or removed them between the check and the replay.
        console.error(`Not replayed (no longer dead letters): ${missed.join(', ')}`);
        return exitCodes.problems;
      }
      return exitCodes.ok;
    }),
  );
}

/** The corrected payload: a JSON object, as editDeadLetter accepts. */
async function readPayload(file: string): Promise<JobJson> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}. Nothing was changed.`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}. Nothing was changed.`);
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload))
    throw new CliError(
      `The payload is a JSON object; ${file} holds ${Array.isArray(payload) ? 'an array' : JSON.stringify(payload)}. Nothing was changed.`,
    );
  return payload;
}

async function edit(jobIdText: string, options: { payload: string } & GatewayOption): Promise<number> {
  const id = jobIdOrRefuse(jobIdText);
  const payload = await readPayload(options.payload);
  return withDlq(options.gateway, (dlq) =>
    dlq.audited('dlq edit', { jobIds: [id], payload }, async (touched) => {
      const problems = await refusals(dlq, [id]);
      if (problems.length) throw new CliError([...problems, 'Nothing was changed.'].join('\n'));
      const { payloadHash } = await import('../store/outbox.js');
      const before = await dlq.find(id);
      const invalid = before ? payloadProblems(before.entityType, payload) : [];
      if (invalid.length)
        throw new CliError(
          [
            `The payload does not fit a ${before?.entityType} job:`,
            ...invalid.map((p) => `  ${p.field.join('.') || '(payload)'}: ${p.message}`),
            'Nothing was changed.',
          ].join('\n'),
        );
      const [job] = await replayJobs(dlq, [id], payload);
      if (!job)
        throw new CliError(
          `${id} is no longer a dead letter (another process replayed it). Nothing was changed.`,
        );
      console.log(
        `Replaced the payload of ${id}${before && payloadHash(before.payload) === payloadHash(payload) ? ' (it was already this one)' : ''} and replayed it.`,
      );
      touched.push(job.id);
      printReplayed([job]);
      return exitCodes.ok;
    }),
  );
}

export function registerDlq(program: Command): void {
  const dlq = usageExits(
    program
      .command('dlq')
      .description('inspect, correct and replay dead letters (jobs the outbox will not retry by itself)'),
  );
  withGatewayOption(dlq.command('list'))
    .description('dead letters, newest first')
    .option('--system <system>', `only jobs for this system (${jobSystems.join(', ')})`)
    .option('--entity <type>', `only this entity type (${jobEntityTypes.join(', ')})`)
    .option('--limit <n>', 'show at most this many', '100')
    .option('--json', 'print JSON')
    .action(command(list));
  withGatewayOption(dlq.command('show <jobId>'))
    .description("a job's payload and every attempt (outcome, error, upstream response)")
    .option('--json', 'print JSON')
    .action(command(show));
  withGatewayOption(dlq.command('replay [jobIds...]'))
    .description('put dead letters back in the queue (nothing is replayed if any id is not a dead letter)')
    .option('--all', 'every dead letter (or those --system / --entity choose)')
    .option('--system <system>', `with --all: only jobs for this system (${jobSystems.join(', ')})`)
    .option('--entity <type>', 'with --all: only this entity type')
    .action(command(replay));
  withGatewayOption(dlq.command('edit <jobId>'))
    .description("replace a dead letter's payload with a corrected one and replay it")
    .requiredOption(
      '--payload <file>',
      'JSON file holding the corrected payload (a JSON object; - reads stdin)',
    )
    .action(command(edit));
}
