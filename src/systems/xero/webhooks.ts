// Xero webhooks: every delivery is signed in `x-xero-signature` (base64 HMAC-SHA256 of the RAW body
// under the webhook key). Verification uses a constant-time compare. The intent-to-receive check is
// answered like any delivery: 401 for a bad signature, 200 with an empty body for a good one. Events
// are handed on (the inbox stores them) BEFORE the 200, so an acknowledged event is never lost; a
// failing callback answers 500 and Xero delivers again.
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';

export const xeroWebhookEvent = z.looseObject({
  resourceUrl: z.string(),
  resourceId: z.string(),
  eventDateUtc: z.string(),
  eventType: z.string(),
  eventCategory: z.string(),
  tenantId: z.string(),
  tenantType: z.string(),
});
export type XeroWebhookEvent = z.infer<typeof xeroWebhookEvent>;

export const xeroWebhookPayload = z.looseObject({
  events: z.array(xeroWebhookEvent),
  firstEventSequence: z.number(),
  lastEventSequence: z.number(),
  entropy: z.string(),
});
export type XeroWebhookPayload = z.infer<typeof xeroWebhookPayload>;

export function signXeroWebhook(rawBody: Buffer | string, key: string): string {
  return createHmac('sha256', key).update(rawBody).digest('base64');
}

/** Constant-time check of `x-xero-signature` against the raw body. */
export function verifyXeroSignature(
  rawBody: Buffer | string,
  signature: string | undefined,
  key: string,
): boolean {
  if (!signature || !key) return false;
  const expected = createHmac('sha256', key).update(rawBody).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature.trim(), 'base64');
  } catch {
    return false;
  }
  // Equal lengths first (timingSafeEqual requires it); the HMAC length is public anyway.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface XeroWebhookOptions {
  /** The webhook key from the app's Webhooks page. */
  key: string;
  /** Stores the events (inbox); resolve only once they are safe. Not called for the intent check. */
  onEvents(payload: XeroWebhookPayload): Promise<void>;
  logger?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void } | undefined;
  /** Largest body accepted (default 1 MB). */
  limit?: string | undefined;
}

/** Handles one delivery whose raw body is already read. Returns the status to answer. */
export async function handleXeroWebhook(
  rawBody: Buffer,
  signature: string | undefined,
  options: Pick<XeroWebhookOptions, 'key' | 'onEvents' | 'logger'>,
): Promise<number> {
  if (!verifyXeroSignature(rawBody, signature, options.key)) return 401;
  let payload: XeroWebhookPayload;
  try {
    payload = xeroWebhookPayload.parse(JSON.parse(rawBody.toString('utf8')));
  } catch {
    options.logger?.warn({}, 'Xero webhook: signed body is not a Xero event payload');
    return 400;
  }
  if (payload.events.length === 0) return 200; // intent to receive
  try {
    await options.onEvents(payload);
    return 200;
  } catch (error) {
    options.logger?.error({ err: error }, 'Xero webhook: storing events failed; Xero will deliver again');
    return 500;
  }
}

/**
 * An express router to mount at the webhook URL (e.g. `app.use('/webhooks/xero', xeroWebhookRouter(…))`).
 * It reads the raw body itself; mount it before any JSON body parser.
 */
export function xeroWebhookRouter(options: XeroWebhookOptions): Router {
  const router = express.Router();
  router.post(
    '/',
    express.raw({ type: () => true, limit: options.limit ?? '1mb' }),
    (req: Request, res: Response) => {
      const body: unknown = req.body;
      if (!Buffer.isBuffer(body)) {
        options.logger?.error(
          {},
          'Xero webhook: the raw body was consumed by another parser; mount this router first',
        );
        res.status(500).end();
        return;
      }
      void handleXeroWebhook(body, req.header('x-xero-signature'), options).then((status) => {
        // Xero expects an empty body.
        res.status(status).end();
      });
    },
  );
  return router;
}
