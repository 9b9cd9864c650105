// Xero's error bodies. The Accounting API answers validation problems with its own exception
// objects (ErrorNumber/Type/Message); the identity layer in front of it (401, 403, 429, 5xx) answers
// with RFC 7807-style problem details in PascalCase.
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { stringify } from './json.js';

export interface ValidationMessage {
  Message: string;
}

/** Something a handler throws to end the request with a Xero-shaped error. */
export class XeroHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`Xero error ${status}`);
  }
}

/** 400 ValidationException (summarised batch errors); Elements echo the failing elements. */
export function validationException(elements: Record<string, unknown>[]): XeroHttpError {
  return new XeroHttpError(400, {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: elements,
  });
}

/** 400 for a body that is not valid JSON or not the expected shape. */
export function postDataInvalid(detail: string): XeroHttpError {
  return new XeroHttpError(400, {
    ErrorNumber: 14,
    Type: 'PostDataInvalidException',
    Message: `JSON for post data was invalid,${detail}`,
  });
}

/** 400 for an unparsable where/order expression. */
export function queryParseException(message: string): XeroHttpError {
  return new XeroHttpError(400, {
    ErrorNumber: 16,
    Type: 'QueryParseException',
    Message: message,
  });
}

/** 400 for a rejected query parameter (e.g. Idempotency-Key reuse). */
export function badRequest(message: string): XeroHttpError {
  return new XeroHttpError(400, {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: message,
    Elements: [],
  });
}

/** Xero's 404 is a plain sentence, not JSON. */
export function notFound(): XeroHttpError {
  return new XeroHttpError(404, "The resource you're looking for cannot be found");
}

export function problem(status: number, title: string, detail: string) {
  return { Type: null, Title: title, Status: status, Detail: detail, Instance: randomUUID(), Extensions: {} };
}

export function unauthorized(detail = 'AuthenticationUnsuccessful'): XeroHttpError {
  return new XeroHttpError(401, problem(401, 'Unauthorized', detail), { 'WWW-Authenticate': 'Bearer' });
}

export function forbidden(): XeroHttpError {
  return new XeroHttpError(403, problem(403, 'Forbidden', 'AuthenticationUnsuccessful'));
}

const STATUS_TITLES: Record<number, [string, string]> = {
  500: [
    'An error occurred',
    'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.',
  ],
  501: ['Not Implemented', 'The method you have called has not been implemented.'],
  503: [
    'Service Unavailable',
    'The Xero API is currently offline for maintenance or the organisation is unavailable.',
  ],
  504: ['Gateway Timeout', 'The request took too long to complete.'],
};

export function serverError(status: number): XeroHttpError {
  const [title, detail] = STATUS_TITLES[status] ?? ['Error', `HTTP ${status}`];
  return new XeroHttpError(status, problem(status, title, detail));
}

/** Writes a XeroHttpError (or any Xero body) to the response. */
export function sendError(res: Response, err: XeroHttpError): void {
  for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  if (typeof err.body === 'string') {
    res.status(err.status).type('text/plain; charset=utf-8').send(err.body);
    return;
  }
  res.status(err.status).type('application/json; charset=utf-8').send(stringify(err.body));
}
