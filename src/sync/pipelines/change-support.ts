// What every accepted change shares: choosing the target systems, typed user errors from zod,
// and idempotency keys (the same key and input return the first result; another input is refused).
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { Decimal } from '../../domain/money.js';
import type { MutationRecords } from '../../store/mutation-records.js';
import type { Job, Outbox } from '../../store/outbox.js';
import type { SourceSystem } from '../../systems/registry.js';
import { systemModule } from '../../systems/modules.js';

export type TargetSystem = SourceSystem;

/** Some target translates codes through the lookup tables: they must map before anything is written. */
export const translatesCodes = (systems: readonly TargetSystem[]): boolean =>
  systems.some((s) => systemModule(s).vocabulary.translatesCodes);

export interface UserErrorShape {
  field: string[];
  code: string;
  message: string;
}

export interface ChangeResult<T> {
  record: T | null;
  jobs: Job[];
  userErrors: UserErrorShape[];
}

export interface ChangeOptions {
  targets?: TargetSystem[] | null;
  idempotencyKey?: string | null;
  /** Create a customer even when one with the same e-mail or name exists (DUPLICATE_PARTY otherwise). */
  allowDuplicate?: boolean | null;
}

export const refused = <T>(userErrors: UserErrorShape[]): ChangeResult<T> => ({
  record: null,
  jobs: [],
  userErrors,
});

export function zodErrors(error: z.ZodError, prefix: string[]): UserErrorShape[] {
  return error.issues.map((issue) => ({
    field: [...prefix, ...issue.path.map(String)],
    code: 'INVALID',
    message: issue.message,
  }));
}

export function hashInput(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value, (_k, v: unknown) => (v instanceof Decimal ? v.toFixed() : v)))
    .digest('hex');
}

/**
 * The systems a change goes to: the requested ones (each must be connected and take `entity`),
 * or by default every connected system that takes it.
 */
export function targetsFor(
  requested: TargetSystem[] | null | undefined,
  entity: string,
  connectedTargets: Partial<Record<TargetSystem, string>>,
  writable: Partial<Record<TargetSystem, readonly string[]>> | undefined,
): { systems: TargetSystem[] } | { userErrors: UserErrorShape[] } {
  const connected = (Object.keys(connectedTargets) as TargetSystem[]).filter((s) => connectedTargets[s]);
  const takes = (s: TargetSystem) => writable?.[s]?.includes(entity) ?? true;
  if (!requested) return { systems: connected.filter(takes) };
  const errors: UserErrorShape[] = [];
  for (const s of new Set(requested)) {
    if (!connected.includes(s)) {
      errors.push({
        field: ['options', 'targets'],
        code: 'NOT_CONNECTED',
        message: `${s} is not connected to this gateway.`,
      });
    } else if (!takes(s)) {
      errors.push({
        field: ['options', 'targets'],
        code: 'NOT_SUPPORTED',
        message: `${s} does not take ${entity} records from ledgerbridge.`,
      });
    }
  }
  return errors.length ? { userErrors: errors } : { systems: [...new Set(requested)] };
}

/** What a mutation keeps under its idempotency key. */
export interface StoredChange {
  recordId: string;
  jobIds: string[];
}

/**
 * The earlier result of this idempotency key: null when the key is new; a refusal when it was
 * used for another operation or input; else the stored record id and its jobs, fresh.
 */
export async function previousResult(
  mutations: MutationRecords,
  outbox: Outbox,
  key: string | null | undefined,
  operation: string,
  inputHash: string,
): Promise<{ refused: UserErrorShape[] } | { recordId: string; jobs: Job[] } | null> {
  if (!key) return null;
  const previous = await mutations.find(key);
  if (!previous) return null;
  if (previous.operation !== operation || previous.inputHash !== inputHash) {
    return {
      refused: [
        {
          field: ['options', 'idempotencyKey'],
          code: 'IDEMPOTENCY_KEY_REUSED',
          message: 'This idempotency key was used for a different input; use a new key for a new change.',
        },
      ],
    };
  }
  const { recordId, jobIds } = previous.result as StoredChange;
  const jobs = (await Promise.all(jobIds.map((j) => outbox.find(j)))).filter((j): j is Job => j !== null);
  return { recordId, jobs };
}

/**
 * Thrown inside a change's transaction when a check made under its locks fails (the amount due
 * changed since validation): the transaction rolls back and the caller answers the user errors.
 */
export class Refusal extends Error {
  constructor(readonly userErrors: UserErrorShape[]) {
    super(userErrors.map((e) => e.message).join(' '));
    this.name = 'Refusal';
  }
}
