// How injected faults look on Xero's wire.
import type { FaultHooks } from '../common/faults.js';
import { sendError, serverError, unauthorized, XeroHttpError, problem } from './errors.js';
import { RateLimiter } from './limits.js';
import { usDateTime } from './dates.js';

export function xeroFaultHooks(now: () => number): FaultHooks {
  return {
    rateLimited: (res, retryAfterSeconds) => RateLimiter.tooManyRequests(res, 'minute', retryAfterSeconds),
    failed: (res, status) => {
      if (status >= 500) return sendError(res, serverError(status));
      if (status === 401) return sendError(res, unauthorized());
      sendError(res, new XeroHttpError(status, problem(status, `HTTP ${status}`, 'Injected fault')));
    },
    tokenExpired: (res) =>
      sendError(res, unauthorized(`TokenExpired: token expired at ${usDateTime(now() - 1000)}`)),
  };
}
