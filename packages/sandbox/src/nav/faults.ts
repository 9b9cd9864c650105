// How injected faults look on NAV/BC's wire: its own 429, 5xx and 401 error envelopes.
import { randomUUID } from 'node:crypto';
import type { FaultHooks } from '../common/faults.js';
import { unauthorized } from './auth.js';
import { NavError, sendError } from './errors.js';
import { tooManyRequests } from './throttle.js';

const statusCodes: Record<number, [string, string]> = {
  500: ['Internal_ServerError', 'An unexpected error occurred on the server.'],
  502: ['Internal_ServerError', 'Bad gateway.'],
  503: ['Application_ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.'],
  504: ['Internal_ServerError', 'The request timed out.'],
};

/** FaultHooks writing NAV/BC's own 429/5xx/401 shapes. */
export function navFaultHooks(): FaultHooks {
  return {
    rateLimited: (res, retryAfterSeconds) =>
      sendError(res, tooManyRequests(1, 0, retryAfterSeconds), randomUUID()),
    failed: (res, status) => {
      const [code, message] =
        statusCodes[status] ??
        (status >= 500
          ? ['Internal_ServerError', 'An unexpected error occurred.']
          : ['BadRequest', 'Bad Request']);
      sendError(
        res,
        new NavError(status, code, message, status === 503 ? { 'Retry-After': '1' } : {}),
        randomUUID(),
      );
    },
    tokenExpired: (res) =>
      sendError(
        res,
        unauthorized('bc', 'The server has rejected the client credentials.', true),
        randomUUID(),
      ),
  };
}
