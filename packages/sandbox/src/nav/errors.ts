// NAV / Business Central error envelope: {"error":{"code":"...","message":"..."}}. Codes follow the
// platform's exception mapping (BadRequest_*, Internal_*, Application_*, Authentication_*, Request_*).
import type { Response } from 'express';
import { toJson } from './json.js';

export class NavError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string | readonly string[]> = {},
  ) {
    super(message);
  }
}

/** BC appends a correlation id to every message; clients must not parse it, only `code`. */
export function sendError(res: Response, err: NavError, correlationId: string): void {
  for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  res
    .status(err.status)
    .type('application/json; odata.metadata=minimal; charset=utf-8')
    .send(
      toJson({ error: { code: err.code, message: `${err.message}  CorrelationId:  ${correlationId}.` } }),
    );
}

export const errors = {
  notFoundSegment: (segment: string) =>
    new NavError(404, 'BadRequest_NotFound', `Resource not found for the segment '${segment}'.`),
  recordNotFound: (table: string, ident: string) =>
    new NavError(
      404,
      'Internal_RecordNotFound',
      `The ${table} does not exist. Identification fields and values: ${ident}`,
    ),
  noProperty: (prop: string, type: string) =>
    new NavError(400, 'BadRequest_NotFound', `Could not find a property named '${prop}' on type '${type}'.`),
  badRequest: (message: string) => new NavError(400, 'BadRequest', message),
  readOnly: (caption: string) =>
    new NavError(400, 'BadRequest_InvalidOperation', `Control '${caption}' is read-only.`),
  notImplemented: (message: string) => new NavError(501, 'BadRequest_MethodNotImplemented', message),
  methodNotAllowed: (method: string, target: string) =>
    new NavError(
      405,
      'BadRequest_MethodNotAllowed',
      `'${method}' requests for '${target}' are not allowed within Dynamics 365 Business Central OData web services.`,
    ),
  dialog: (message: string) => new NavError(400, 'Application_DialogException', message),
  fieldValidation: (message: string) => new NavError(400, 'Application_FieldValidationException', message),
  evaluate: (value: string, type: string) =>
    new NavError(
      400,
      'Application_EvaluateException',
      `The value "${value}" can't be evaluated into type ${type}.`,
    ),
  duplicate: (table: string, ident: string) =>
    new NavError(
      409,
      'Internal_EntityWithSameKeyExists',
      `The ${table} already exists. Identification fields and values: ${ident}`,
    ),
  companyNotFound: (name: string) =>
    new NavError(
      404,
      'Internal_CompanyNotFound',
      `Cannot process the request because the company '${name}' cannot be found.`,
    ),
  orAcrossFields: () =>
    new NavError(
      501,
      'BadRequest_MethodNotImplemented',
      "An error occurred while processing this request. The 'OR' operator is not supported on distinct fields on an OData filter.",
    ),
};
