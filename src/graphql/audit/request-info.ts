// One id per request, taken from the caller's x-request-id when it is a sane token, otherwise
// generated, and sent back in the x-request-id response header; with the client's address it
// goes into the audit entry the request leaves.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Request, Response } from 'express';

export interface RequestInfo {
  id: string;
  clientAddress: string | null;
  transport: 'http' | 'websocket';
}

const sane = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(given: unknown): string {
  return typeof given === 'string' && sane.test(given) ? given : randomUUID();
}

/** Express middleware: every response carries x-request-id. */
export function requestIds(): RequestHandler {
  return (req, res, next) => {
    const id = requestIdOf(req.get('x-request-id'));
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    next();
  };
}

export function httpRequestInfo(req: Request, res: Response): RequestInfo {
  const id = typeof res.locals.requestId === 'string' ? res.locals.requestId : requestIdOf(undefined);
  return { id, clientAddress: req.socket.remoteAddress ?? null, transport: 'http' };
}

/** A WebSocket operation: the id the upgrade request gave (or a new one), the socket's peer. */
export function socketRequestInfo(request: IncomingMessage | undefined): RequestInfo {
  return {
    id: requestIdOf(request?.headers['x-request-id']),
    clientAddress: request?.socket.remoteAddress ?? null,
    transport: 'websocket',
  };
}
