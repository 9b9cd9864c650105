// /TrackingCategories and their options. Xero allows two ACTIVE tracking categories per organisation,
// four in all (active and archived), and 100 options per category; categories or options in use are
// archived rather than deleted.
import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import { invalid, runBatch, type BatchResource, type Input } from '../batch.js';
import { apiContext, sendEnvelope, type ApiContext } from '../context.js';
import { notFound, validationException } from '../errors.js';
import { isGuid, oneOf, str } from '../input.js';
import { byField, list } from '../listing.js';
import { queryBool } from '../request.js';
import type { TenantState, TrackingCategoryRec, TrackingOptionRec } from '../state.js';
import { trackingCategoryWire } from '../wire.js';

export const MAX_ACTIVE_CATEGORIES = 2;
export const MAX_CATEGORIES = 4;
const MAX_OPTIONS = 100;

function inUse(t: TenantState, categoryId: string, optionId?: string): boolean {
  const hit = (tr: { TrackingCategoryID: string; TrackingOptionID: string }[]) =>
    tr.some((x) => x.TrackingCategoryID === categoryId && (!optionId || x.TrackingOptionID === optionId));
  return (
    [...t.invoices.values(), ...t.creditNotes.values()].some((d) =>
      d.LineItems.some((l) => hit(l.Tracking)),
    ) || [...t.manualJournals.values()].some((m) => m.JournalLines.some((l) => hit(l.Tracking)))
  );
}

function applyCategory(
  input: Input,
  existing: TrackingCategoryRec | undefined,
  ctx: ApiContext,
): TrackingCategoryRec {
  const t = ctx.tenant;
  const name = str(input, 'Name')?.trim() ?? existing?.Name;
  if (!name) return invalid('Tracking category name must be specified.');
  if (name.length > 100) invalid('Tracking category name must be 100 characters or fewer.');
  const status = oneOf(input, 'Status', ['ACTIVE', 'ARCHIVED'] as const) ?? existing?.Status ?? 'ACTIVE';
  const others = [...t.tracking.values()].filter(
    (c) => c.TrackingCategoryID !== existing?.TrackingCategoryID,
  );
  if (others.some((c) => c.Name.toLowerCase() === name.toLowerCase()))
    invalid(`The tracking category name ${name} is already in use.`);
  if (!existing && others.length >= MAX_CATEGORIES)
    invalid(
      `You can have a maximum of ${MAX_CATEGORIES} tracking categories, including no more than ${MAX_ACTIVE_CATEGORIES} active.`,
    );
  if (
    status === 'ACTIVE' &&
    existing?.Status !== 'ACTIVE' &&
    others.filter((c) => c.Status === 'ACTIVE').length >= MAX_ACTIVE_CATEGORIES
  ) {
    invalid('You can only have 2 active tracking categories.');
  }
  const next: TrackingCategoryRec = {
    TrackingCategoryID: existing?.TrackingCategoryID ?? randomUUID(),
    Name: name,
    Status: status,
    Options: existing?.Options ?? [],
  };
  t.tracking.set(next.TrackingCategoryID, next);
  return next;
}

function applyOption(
  category: TrackingCategoryRec,
  input: Input,
  existing: TrackingOptionRec | undefined,
  ctx: ApiContext,
): TrackingOptionRec {
  const name = str(input, 'Name')?.trim() ?? existing?.Name;
  if (!name) return invalid('Tracking option name must be specified.');
  if (name.length > 100) invalid('Tracking option name must be 100 characters or fewer.');
  const current = ctx.tenant.tracking.get(category.TrackingCategoryID) ?? category;
  if (
    current.Options.some(
      (o) => o.TrackingOptionID !== existing?.TrackingOptionID && o.Name.toLowerCase() === name.toLowerCase(),
    )
  ) {
    invalid(`The tracking option name ${name} is already in use.`);
  }
  if (!existing && current.Options.length >= MAX_OPTIONS)
    invalid(`A tracking category can have at most ${MAX_OPTIONS} options.`);
  const option: TrackingOptionRec = {
    TrackingOptionID: existing?.TrackingOptionID ?? randomUUID(),
    Name: name,
    Status: oneOf(input, 'Status', ['ACTIVE', 'ARCHIVED'] as const) ?? existing?.Status ?? 'ACTIVE',
  };
  const options = existing
    ? current.Options.map((o) => (o.TrackingOptionID === option.TrackingOptionID ? option : o))
    : [...current.Options, option];
  ctx.tenant.tracking.set(current.TrackingCategoryID, { ...current, Options: options });
  return option;
}

const optionWire = (o: TrackingOptionRec, categoryId: string) => ({
  TrackingOptionID: o.TrackingOptionID,
  Name: o.Name,
  Status: o.Status,
  TrackingCategoryID: categoryId,
});

export function trackingRouter(): Router {
  const r = express.Router();
  const category = (t: TenantState, id: string) => {
    const c = isGuid(id) ? t.tracking.get(id.toLowerCase()) : undefined;
    if (!c) throw notFound();
    return c;
  };
  r.get('/TrackingCategories', (req, res) => {
    const t = apiContext(res).tenant;
    const includeArchived = queryBool(req, 'includeArchived') ?? false;
    const out = list(req, {
      records: [...t.tracking.values()].filter((c) => includeArchived || c.Status === 'ACTIVE'),
      toWire: (c) => trackingCategoryWire(c, includeArchived),
      updatedMs: () => 0,
      paged: false,
      defaultOrder: byField('Name'),
    });
    sendEnvelope(res, 'TrackingCategories', out.items);
  });
  r.get('/TrackingCategories/:id', (req, res) => {
    const c = category(apiContext(res).tenant, req.params.id);
    sendEnvelope(res, 'TrackingCategories', [trackingCategoryWire(c, true)]);
  });
  const create: BatchResource = {
    key: 'TrackingCategories',
    apply: (input, _m, ctx) => trackingCategoryWire(applyCategory(input, undefined, ctx), true),
  };
  r.put('/TrackingCategories', (req, res) => runBatch(req, res, create, 'create'));
  r.post('/TrackingCategories/:id', (req, res) => {
    const c = category(apiContext(res).tenant, req.params.id);
    runBatch(
      req,
      res,
      {
        key: 'TrackingCategories',
        apply: (input, _m, ctx) => trackingCategoryWire(applyCategory(input, c, ctx), true),
      },
      'upsert',
    );
  });
  r.delete('/TrackingCategories/:id', (req, res) => {
    const ctx = apiContext(res);
    const c = category(ctx.tenant, req.params.id);
    if (inUse(ctx.tenant, c.TrackingCategoryID)) {
      throw validationException([
        {
          ...trackingCategoryWire(c, true),
          ValidationErrors: [
            { Message: 'The tracking category is in use and cannot be deleted; archive it instead.' },
          ],
        },
      ]);
    }
    ctx.tenant.tracking.delete(c.TrackingCategoryID);
    sendEnvelope(res, 'TrackingCategories', [{ ...trackingCategoryWire(c, true), Status: 'DELETED' }]);
  });
  r.put('/TrackingCategories/:id/Options', (req, res) => {
    const c = category(apiContext(res).tenant, req.params.id);
    runBatch(
      req,
      res,
      {
        key: 'Options',
        apply: (input, _m, ctx) => optionWire(applyOption(c, input, undefined, ctx), c.TrackingCategoryID),
      },
      'create',
    );
  });
  r.post('/TrackingCategories/:id/Options/:optionId', (req, res) => {
    const c = category(apiContext(res).tenant, req.params.id);
    const o = c.Options.find((x) => x.TrackingOptionID === req.params.optionId.toLowerCase());
    if (!o) throw notFound();
    runBatch(
      req,
      res,
      {
        key: 'Options',
        apply: (input, _m, ctx) => optionWire(applyOption(c, input, o, ctx), c.TrackingCategoryID),
      },
      'upsert',
    );
  });
  r.delete('/TrackingCategories/:id/Options/:optionId', (req, res) => {
    const ctx = apiContext(res);
    const c = category(ctx.tenant, req.params.id);
    const o = c.Options.find((x) => x.TrackingOptionID === req.params.optionId.toLowerCase());
    if (!o) throw notFound();
    if (inUse(ctx.tenant, c.TrackingCategoryID, o.TrackingOptionID)) {
      throw validationException([
        {
          ...optionWire(o, c.TrackingCategoryID),
          ValidationErrors: [
            { Message: 'The tracking option is in use and cannot be deleted; archive it instead.' },
          ],
        },
      ]);
    }
    ctx.tenant.tracking.set(c.TrackingCategoryID, { ...c, Options: c.Options.filter((x) => x !== o) });
    sendEnvelope(res, 'Options', [{ ...optionWire(o, c.TrackingCategoryID), Status: 'DELETED' }]);
  });
  return r;
}
