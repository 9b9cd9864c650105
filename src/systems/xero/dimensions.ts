// Dimension writes for the Xero connector: a dimension is a tracking category, its values the
// category's options. Xero takes one category or option per call (PUT /TrackingCategories, PUT
// /TrackingCategories/{id}/Options; POST to rename, archive or restore), so each draft is reconciled
// against the categories read once per writeMany: whatever already matches (category by id or
// name, options by id or name, ignoring case as Xero does) is left alone, and running the same draft
// again sends nothing. An unanswered call is followed by a fresh read and one more reconciliation,
// which finds what the lost call did. Xero allows 2 active categories, 4 in all, and 100 options per
// category: a draft that would break a limit fails with a validation error naming it, before any call.
import type { RemoteRecord, WriteRequest, WriteResult } from '../system.js';
import { ConnectorError } from '../errors.js';
import type { XeroApi } from './client.js';
import { MappingError } from './mapper-common.js';
import {
  dimensionFromWire,
  dimensionToWire,
  type WireDimension,
  type XeroTrackingStatus,
} from './mapper-dimensions.js';
import type { RawTrackingCategory, RawTrackingOption } from './raw.js';
import { hashKey, mappingFailure } from './write-support.js';

/** Xero's limits on tracking. */
export const XERO_MAX_ACTIVE_TRACKING_CATEGORIES = 2;
export const XERO_MAX_TRACKING_CATEGORIES = 4;
export const XERO_MAX_TRACKING_OPTIONS = 100;

export type TrackingLimitCode = 'TrackingCategoryLimit' | 'TrackingOptionLimit';

type Result = WriteResult<'dimension'>;

const same = (a: string | null | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase();

function limitError(code: TrackingLimitCode, field: string, message: string): ConnectorError {
  return new ConnectorError('validation', message, {
    system: 'XERO',
    code,
    fieldErrors: [{ field, message }],
  });
}

/** Xero's own refusal of a limit carries the same code as our check before the call. */
export function withTrackingLimitCode(error: ConnectorError): ConnectorError {
  if (error.kind !== 'validation') return error;
  const code: TrackingLimitCode | undefined = /active tracking categor|\d+ tracking categories/i.test(
    error.message,
  )
    ? 'TrackingCategoryLimit'
    : /\d+ options/i.test(error.message)
      ? 'TrackingOptionLimit'
      : undefined;
  return code ? new ConnectorError(error.kind, error.message, { ...error.details, code }) : error;
}

export class XeroDimensionWriter {
  constructor(private readonly api: XeroApi) {}

  async write(requests: readonly WriteRequest<'dimension'>[]): Promise<Result[]> {
    const out: Result[] = [];
    // Read once, kept up to date with every answer; re-read after any failure.
    let categories: RawTrackingCategory[] | null = null;
    for (const req of requests) {
      let wire: WireDimension;
      try {
        wire = dimensionToWire(req.data);
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        out.push({ ok: false, error: mappingFailure(error) });
        continue;
      }
      for (let attempt = 1; ; attempt += 1) {
        try {
          categories ??= await this.api.getTrackingCategories({ includeArchived: true, priority: 'bulk' });
          out.push(await this.reconcile(req, wire, categories));
          break;
        } catch (error) {
          if (!(error instanceof ConnectorError)) throw error;
          categories = null;
          if (error.kind === 'unknown-outcome' && attempt === 1) continue;
          out.push({ ok: false, error: withTrackingLimitCode(error) });
          break;
        }
      }
    }
    return out;
  }

  /** Brings one category in line with the draft; mutates `categories` as Xero answers. */
  private async reconcile(
    req: WriteRequest<'dimension'>,
    wire: WireDimension,
    categories: RawTrackingCategory[],
  ): Promise<Result> {
    const { name, status } = wire.category;
    const key = (...parts: string[]) => hashKey(['dimension', req.idempotencyKey, ...parts]);
    let category = req.externalId
      ? categories.find((c) => same(c.trackingCategoryID, req.externalId as string))
      : categories.find((c) => same(c.name, name));
    if (req.externalId && !category)
      return {
        ok: false,
        error: new ConnectorError(
          'conflict',
          `tracking category ${req.externalId} no longer exists in Xero`,
          {
            system: 'XERO',
            code: 'NotFound',
          },
        ),
      };

    // Checks before any call.
    const others = categories.filter((c) => c !== category);
    if (others.some((c) => same(c.name, name)))
      return {
        ok: false,
        error: new ConnectorError(
          'conflict',
          `the tracking category name "${name}" is already in use in Xero`,
          {
            system: 'XERO',
            code: 'DuplicateName',
          },
        ),
      };
    if (!category && categories.length >= XERO_MAX_TRACKING_CATEGORIES)
      return {
        ok: false,
        error: limitError(
          'TrackingCategoryLimit',
          'code',
          `Xero allows at most ${XERO_MAX_TRACKING_CATEGORIES} tracking categories (active and archived); "${name}" would be one more`,
        ),
      };
    // A new category starts ACTIVE, even one that is archived straight after.
    const activating = category ? status === 'ACTIVE' && category.status !== 'ACTIVE' : true;
    if (
      activating &&
      others.filter((c) => c.status === 'ACTIVE').length >= XERO_MAX_ACTIVE_TRACKING_CATEGORIES
    )
      return {
        ok: false,
        error: limitError(
          'TrackingCategoryLimit',
          'blocked',
          `Xero allows at most ${XERO_MAX_ACTIVE_TRACKING_CATEGORIES} active tracking categories; archive one before ${category ? 'restoring' : 'adding'} "${name}"`,
        ),
      };
    const existing = [...(category?.options ?? [])];
    const plan = wire.options.map((o) => {
      const match =
        (o.externalId ? existing.find((x) => same(x.trackingOptionID, o.externalId as string)) : undefined) ??
        existing.find((x) => same(x.name, o.name));
      return { want: o, match };
    });
    const adding = plan.filter((p) => !p.match).length;
    if (existing.length + adding > XERO_MAX_TRACKING_OPTIONS)
      return {
        ok: false,
        error: limitError(
          'TrackingOptionLimit',
          'values',
          `Xero allows at most ${XERO_MAX_TRACKING_OPTIONS} options per tracking category; "${name}" has ${existing.length} and would get ${adding} more`,
        ),
      };
    for (const p of plan)
      if (p.match && existing.some((x) => x !== p.match && same(x.name, p.want.name)))
        return {
          ok: false,
          error: new ConnectorError(
            'conflict',
            `the tracking option name "${p.want.name}" is already in use in "${name}"`,
            { system: 'XERO', code: 'DuplicateName' },
          ),
        };

    // The category: create, or rename / restore (archiving waits until its options are done).
    let created = false;
    const remember = (next: RawTrackingCategory) => {
      const at = categories.findIndex((c) => same(c.trackingCategoryID, next.trackingCategoryID ?? ''));
      if (at >= 0) categories[at] = next;
      else categories.push(next);
      return next;
    };
    if (!category) {
      category = remember({
        ...(await this.api.createTrackingCategory({
          category: { name },
          idempotencyKey: key('create', name),
        })),
        options: [],
      });
      created = true;
    } else if (category.name !== name || activating) {
      const change: { name: string; status?: XeroTrackingStatus } = { name };
      if (activating) change.status = 'ACTIVE';
      category = remember({
        ...(await this.api.updateTrackingCategory({
          trackingCategoryId: category.trackingCategoryID as string,
          category: change,
          idempotencyKey: key('update', name, change.status ?? ''),
        })),
        options: existing,
      });
    }
    const categoryId = category.trackingCategoryID as string;

    // The options: add what is missing, rename or archive/restore what differs.
    const options: RawTrackingOption[] = [...existing];
    const put = (o: RawTrackingOption) => {
      const at = options.findIndex((x) => same(x.trackingOptionID, o.trackingOptionID ?? ''));
      if (at >= 0) options[at] = o;
      else options.push(o);
      category = remember({ ...(category as RawTrackingCategory), options: [...options] });
    };
    for (const { want, match } of plan) {
      if (!match) {
        const added = await this.api.createTrackingOption({
          trackingCategoryId: categoryId,
          option: { name: want.name },
          idempotencyKey: key('option', want.name),
        });
        put(added);
        if (want.status === 'ARCHIVED') put(await this.updateOption(categoryId, added, want, key));
      } else if (match.name !== want.name || (match.status ?? 'ACTIVE') !== want.status) {
        put(await this.updateOption(categoryId, match, want, key));
      }
    }

    if (status === 'ARCHIVED' && category.status !== 'ARCHIVED') {
      category = remember({
        ...(await this.api.updateTrackingCategory({
          trackingCategoryId: categoryId,
          category: { name, status: 'ARCHIVED' },
          idempotencyKey: key('update', name, 'ARCHIVED'),
        })),
        options: [...options],
      });
    }
    const record: RemoteRecord<'dimension'> = dimensionFromWire(category);
    return { ok: true, created, record };
  }

  private async updateOption(
    categoryId: string,
    current: RawTrackingOption,
    want: { name: string; status: XeroTrackingStatus },
    key: (...parts: string[]) => string,
  ): Promise<RawTrackingOption> {
    return this.api.updateTrackingOption({
      trackingCategoryId: categoryId,
      trackingOptionId: current.trackingOptionID as string,
      option: { name: want.name, status: want.status },
      idempotencyKey: key('option-update', current.trackingOptionID ?? '', want.name, want.status),
    });
  }
}
