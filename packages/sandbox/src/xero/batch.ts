// Xero's batch write semantics, shared by every PUT/POST collection endpoint:
// - the body is `{ "<Collection>": [ … ] }` or a single element object;
// - summarizeErrors (default true): all elements succeed or none is saved, and a failure answers the
//   400 ValidationException listing the failing elements with their ValidationErrors;
// - summarizeErrors=false: each element stands alone; the answer is 200 with every element marked
//   StatusAttributeString OK or ERROR (with ValidationErrors).
import type { Request, Response } from 'express';
import { apiContext, sendEnvelope, type ApiContext } from './context.js';
import { postDataInvalid, validationException } from './errors.js';
import { summarizeErrors } from './request.js';

export type Mode = 'create' | 'upsert';

/** Raised inside an element's apply() to reject that element. */
export class ElementInvalid extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('; '));
  }
}

export function invalid(...messages: string[]): never {
  throw new ElementInvalid(messages);
}

export type Input = Record<string, unknown>;

export interface BatchResource {
  /** Collection key in bodies and envelopes, e.g. "Invoices". */
  key: string;
  /** Creates or updates one element; throws ElementInvalid; returns the element's wire form. */
  apply(input: Input, mode: Mode, ctx: ApiContext): Record<string, unknown>;
}

export function readElements(body: unknown, key: string): Input[] {
  if (body === undefined || body === null || typeof body !== 'object') {
    throw postDataInvalid(' the request body is empty or is not a JSON object.');
  }
  const wrapped = (body as Record<string, unknown>)[key];
  if (wrapped !== undefined) {
    if (!Array.isArray(wrapped)) throw postDataInvalid(` '${key}' must be an array.`);
    return wrapped.map((e) => (e !== null && typeof e === 'object' && !Array.isArray(e) ? (e as Input) : {}));
  }
  if (Array.isArray(body)) throw postDataInvalid(' a JSON object was expected.');
  return [body as Input];
}

/** Runs a batch and answers it. `forceId` pins every element to the id in the URL (POST /X/{id}). */
export function runBatch(
  req: Request,
  res: Response,
  resource: BatchResource,
  mode: Mode,
  pin?: Input,
): void {
  const ctx = apiContext(res);
  const elements = readElements(req.body, resource.key).map((e) => (pin ? { ...e, ...pin } : e));
  const tenant = ctx.tenant;

  if (summarizeErrors(req)) {
    const before = tenant.snapshot();
    const out: Record<string, unknown>[] = [];
    const failed: Record<string, unknown>[] = [];
    for (const element of elements) {
      try {
        out.push(resource.apply(element, mode, ctx));
      } catch (err) {
        if (!(err instanceof ElementInvalid)) throw err;
        failed.push({ ...element, ValidationErrors: err.messages.map((Message) => ({ Message })) });
      }
    }
    if (failed.length > 0) {
      tenant.restore(before);
      throw validationException(failed);
    }
    sendEnvelope(res, resource.key, out);
    return;
  }

  const out: Record<string, unknown>[] = [];
  for (const element of elements) {
    const before = tenant.snapshot();
    try {
      out.push({ ...resource.apply(element, mode, ctx), StatusAttributeString: 'OK' });
    } catch (err) {
      if (!(err instanceof ElementInvalid)) throw err;
      tenant.restore(before);
      out.push({
        ...element,
        StatusAttributeString: 'ERROR',
        ValidationErrors: err.messages.map((Message) => ({ Message })),
      });
    }
  }
  sendEnvelope(res, resource.key, out);
}
