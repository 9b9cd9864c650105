// A body Express could not read (not JSON, too large) is answered as GraphQL errors in JSON, with
// its status and a code: never Express's HTML page, which shows a stack trace outside production.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../ops/logger.js';

const known: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' },
  'entity.too.large': {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is larger than the server takes.',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'BAD_REQUEST',
    message: 'The body encoding is not supported.',
  },
  'charset.unsupported': { status: 415, code: 'BAD_REQUEST', message: 'The body charset is not supported.' },
};

export function bodyErrors(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const type = (error as { type?: unknown }).type;
    const answer = typeof type === 'string' ? known[type] : undefined;
    if (!answer) log.error({ err: error }, 'request failed before GraphQL');
    const { status, code, message } = answer ?? {
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal error; it has been logged.',
    };
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
