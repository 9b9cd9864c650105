// The conflict a refused push records: the fields that differ with both values, the system's side
// and what each resolution would write. A connector that compared the record names the fields
// itself; otherwise they are read from the system's refusal, so no conflict is ever unnamed.
import { ConnectorError } from '../../systems/errors.js';
import type { Difference } from '../../systems/differences.js';
import { sourceSystems } from '../../systems/registry.js';
import type { ResolutionPlan } from '../../store/conflicts.js';
import type { Job } from '../../store/outbox.js';
import { pushConflictPlans } from '../policy/conflict-plans.js';

export interface PushConflict {
  differences: Difference[];
  resolutions: ResolutionPlan[];
  remote: unknown;
}

/** What a refusal's words say is in the way, for a refusal that names no field. */
const FIELD_BY_MESSAGE: [RegExp, string][] = [
  [/status|void|deleted|authori[sz]ed|posted/i, 'status'],
  [/allocated|payment|credit note/i, 'lines'],
  [/already (exists|assigned|in use)|must be unique|different request/i, 'number'],
  [/lock date/i, 'issueDate'],
  [/changed|version|etag|no longer exists/i, 'version'],
];

function fieldOf(message: string): string {
  return FIELD_BY_MESSAGE.find(([re]) => re.test(message))?.[1] ?? 'record';
}

function valueAt(payload: unknown, field: string): unknown {
  let at: unknown = payload;
  for (const key of field.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (at === null || typeof at !== 'object') return null;
    at = (at as Record<string, unknown>)[key];
  }
  return at ?? null;
}

export function conflictOf(error: unknown, job: Job): PushConflict {
  const details = error instanceof ConnectorError ? error.details : null;
  const message = error instanceof Error ? error.message : String(error);
  const named = details?.differences?.filter((d) => d.field.trim()) ?? [];
  const fromErrors = (details?.fieldErrors ?? []).map((f) => {
    const field = f.field.trim() || fieldOf(f.message || message);
    return { field, local: valueAt(job.payload, field), remote: f.message || message };
  });
  const differences = named.length
    ? named
    : fromErrors.length
      ? dedupe(fromErrors)
      : [{ field: fieldOf(message), local: valueAt(job.payload, fieldOf(message)), remote: message }];
  const upstream = details?.upstream;
  const remote =
    upstream && typeof upstream === 'object' && Object.keys(upstream).length > 0
      ? upstream
      : { message, ...(details?.code ? { code: details.code } : {}) };
  return { differences, resolutions: pushConflictPlans(job.entityType, job.system, sourceSystems), remote };
}

function dedupe(ds: Difference[]): Difference[] {
  return ds.filter((d, i) => ds.findIndex((e) => e.field === d.field) === i);
}
