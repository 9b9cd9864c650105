// NAV-specific admin API under /__sandbox (not counted, not throttled): reset with demo data,
// "a user posted this in NAV" (an order in full or in part), release/reopen orders, the clock, and webhook delivery.
import express, { type Response, type Router } from 'express';
import type { SandboxClock } from '../../common/clock.js';
import type { DemoCompany } from '../../demo/model.js';
import { errors, NavError, sendError } from '../errors.js';
import { postPurchaseInvoice, postSalesDocument } from '../posting/invoices.js';
import { postJournalBatch } from '../posting/journals.js';
import type { JournalTemplate, NavState, SalesHeader } from '../state.js';
import { Decimal } from '../decimal.js';
import { setToShip } from '../posting/order-quantities.js';
import type { WebhookHub } from '../webhooks.js';

export interface AdminDeps {
  state(): NavState;
  clock: SandboxClock;
  hub(): WebhookHub;
  reset(company?: DemoCompany): void;
}

function text(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  if (typeof v !== 'string' || v === '') throw errors.badRequest(`'${key}' is required.`);
  return v;
}

/** Partial posting: `quantities` maps Line No. to Qty. to Ship (lines not named ship nothing). */
function setQuantitiesToShip(h: SalesHeader, quantities: unknown): void {
  if (quantities === undefined) return;
  if (!quantities || typeof quantities !== 'object')
    throw errors.badRequest(`'quantities' must be an object.`);
  const given = quantities as Record<string, unknown>;
  for (const line of h.lines) {
    const q = given[String(line.lineNo)] ?? 0;
    if (typeof q !== 'number' && typeof q !== 'string')
      throw errors.badRequest(`'quantities.${line.lineNo}' must be a number.`);
    if (line.type !== '') setToShip(line, new Decimal(q));
  }
}

export function navAdminRouter(deps: AdminDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: '50mb' }));
  const guard =
    (fn: (req: express.Request, res: Response) => void | Promise<void>) =>
    async (req: express.Request, res: Response) => {
      try {
        await fn(req, res);
      } catch (err) {
        if (err instanceof NavError) sendError(res, err, 'sandbox-admin');
        else throw err;
      }
    };

  router.post(
    '/reset',
    guard((req, res) => {
      const body = req.body as { company?: DemoCompany } | undefined;
      deps.reset(body?.company);
      res.json({ company: deps.state().companyName, id: deps.state().companyId });
    }),
  );

  router.post(
    '/post-sales-order',
    guard((req, res) => {
      const no = text(req.body, 'no');
      const s = deps.state();
      const h = s.salesHeaders.find((x) => x.documentType === 'Order' && x.no === no);
      if (!h) throw errors.recordNotFound('Sales Header', `Document Type='Order',No.='${no}'`);
      setQuantitiesToShip(h, (req.body as { quantities?: unknown }).quantities);
      const posted = postSalesDocument(s, h);
      res.json({
        postedNo: posted.no,
        id: posted.id,
        amountIncludingVat: posted.amountIncludingVat.toFixed(2),
      });
    }),
  );

  router.post(
    '/post-sales-invoice',
    guard((req, res) => {
      const no = text(req.body, 'no');
      const s = deps.state();
      const h = s.salesHeaders.find((x) => x.documentType === 'Invoice' && x.no === no);
      if (!h) throw errors.recordNotFound('Sales Header', `Document Type='Invoice',No.='${no}'`);
      const posted = postSalesDocument(s, h);
      res.json({
        postedNo: posted.no,
        id: posted.id,
        amountIncludingVat: posted.amountIncludingVat.toFixed(2),
      });
    }),
  );

  router.post(
    '/post-purchase-invoice',
    guard((req, res) => {
      const no = text(req.body, 'no');
      const s = deps.state();
      const h = s.purchaseHeaders.find((x) => x.no === no);
      if (!h) throw errors.recordNotFound('Purchase Header', `Document Type='Invoice',No.='${no}'`);
      const posted = postPurchaseInvoice(s, h);
      res.json({
        postedNo: posted.no,
        id: posted.id,
        amountIncludingVat: posted.amountIncludingVat.toFixed(2),
      });
    }),
  );

  router.post(
    '/post-journal',
    guard((req, res) => {
      const template = text(req.body, 'template').toUpperCase() as JournalTemplate;
      const batch = text(req.body, 'batch').toUpperCase();
      if (!deps.state().batch(template, batch))
        throw errors.recordNotFound(
          'Gen. Journal Batch',
          `Journal Template Name='${template}',Name='${batch}'`,
        );
      const result = postJournalBatch(deps.state(), template, batch);
      res.json({ lines: result.lines, glEntries: result.glEntries.length });
    }),
  );

  for (const [path, status] of [
    ['release-sales-order', 'Released'],
    ['reopen-sales-order', 'Open'],
  ] as const) {
    router.post(
      `/${path}`,
      guard((req, res) => {
        const no = text(req.body, 'no');
        const s = deps.state();
        const h = s.salesHeaders.find((x) => x.documentType === 'Order' && x.no === no);
        if (!h) throw errors.recordNotFound('Sales Header', `Document Type='Order',No.='${no}'`);
        h.status = status;
        s.touch(h);
        s.emit('salesOrders', h.id, 'updated');
        res.json({ no, status });
      }),
    );
  }

  router.get('/clock', (_req, res) => {
    res.json({ now: deps.clock.iso() });
  });
  router.post(
    '/clock',
    guard((req, res) => {
      const body = (req.body ?? {}) as { set?: unknown; advanceSeconds?: unknown };
      if (typeof body.set === 'string') {
        const t = Date.parse(body.set);
        if (Number.isNaN(t)) throw errors.badRequest(`'${body.set}' is not a valid date-time.`);
        deps.clock.set(t);
      }
      if (typeof body.advanceSeconds === 'number') deps.clock.advance(body.advanceSeconds * 1000);
      res.json({ now: deps.clock.iso() });
    }),
  );

  router.get('/webhooks', (_req, res) => {
    const hub = deps.hub();
    res.json({
      subscriptions: hub.active().map((s) => ({ ...s })),
      pending: hub.pendingCount(),
      deliveries: hub.deliveries,
    });
  });
  router.post(
    '/webhooks/flush',
    guard(async (_req, res) => {
      await deps.hub().flush();
      res.json({ deliveries: deps.hub().deliveries });
    }),
  );
  return router;
}
