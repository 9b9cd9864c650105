// The events a job's state changes produce.
import type { LedgerEvent } from '../../events/types.js';
import type { Job } from '../../store/outbox.js';

function lastErrorMessage(job: Job): string | null {
  return (job.lastError as { message?: string } | null)?.message ?? null;
}

export function jobUpdatedEvent(job: Job): LedgerEvent {
  return {
    type: 'SYNC_JOB_UPDATED',
    jobId: job.id,
    entityType: job.entityType,
    entityId: job.entityId,
    system: job.system,
    tenant: job.tenant,
    status: job.status,
    attempts: job.attempts,
    lastError: lastErrorMessage(job),
  };
}

export function deadLetterEvent(job: Job): LedgerEvent {
  return {
    type: 'DEAD_LETTER_ADDED',
    jobId: job.id,
    entityType: job.entityType,
    entityId: job.entityId,
    system: job.system,
    tenant: job.tenant,
    reason: lastErrorMessage(job) ?? 'unknown',
  };
}
