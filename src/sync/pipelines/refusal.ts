// A target's refusal in the words a finance user reads in the dead-letter list: which system
// refused which document, what it said (its message, its error code) and the fields it named.
// Only refusals by the system itself are reworded; our own checks already name the field.
import { ConnectorError } from '../../systems/errors.js';
import type { Job } from '../../store/outbox.js';

/** `what`: the record as the user knows it, e.g. "invoice WEB-1001" or "payment of 10.00 GBP on invoice WEB-1001". */
export function refusedBy(error: unknown, job: Pick<Job, 'system'>, what: string): unknown {
  if (!(error instanceof ConnectorError) || error.kind !== 'validation') return error;
  const prefix = `${job.system} refused ${what}: `;
  if (error.message.startsWith(prefix)) return error;
  const fields = (error.details.fieldErrors ?? [])
    .filter((f) => f.field && !error.message.includes(f.message))
    .map((f) => `${f.field}: ${f.message}`);
  const message =
    prefix +
    error.message +
    (error.details.code && !error.message.includes(error.details.code)
      ? ` (${job.system} code ${error.details.code})`
      : '') +
    (fields.length ? `; ${fields.join('; ')}` : '');
  return new ConnectorError('validation', message, error.details);
}
