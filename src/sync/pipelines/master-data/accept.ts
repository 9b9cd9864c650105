// Accepting a change: validate (domain rules and code mappings) before anything is written, then
// in ONE transaction write the mirror, enqueue one job per target system and record the events.
// A crash at any point leaves either nothing or everything; the workers do the rest.
import type { TextLimitField, TextLimits } from '../../../systems/system.js';
import { z } from 'zod';
import { currencySchema, Decimal, storable, tooLargeMessage } from '../../../domain/money.js';
import { emailKey, nameKey } from '../../../domain/match-keys.js';
import {
  itemTypeSchema,
  partyStatusSchema,
  type Address,
  type Customer,
  type CustomerFields,
  type Item,
  type ItemFields,
  type ShapeOf,
  type Vendor,
} from '../../../domain/index.js';
import type { EventBus } from '../../../events/bus.js';
import type { LedgerEvent } from '../../../events/types.js';
import { UnmappedCodeError, type Lookups } from '../../../mapping/lookups.js';
import type { Database } from '../../../store/database.js';
import type { MasterData } from '../../../store/master-data.js';
import type { MutationRecords } from '../../../store/mutation-records.js';
import type { Outbox } from '../../../store/outbox.js';
import { retryOnUniqueViolation } from '../../../store/unique-violation.js';
import { jobUpdatedEvent } from '../../runtime/job-events.js';
import {
  hashInput,
  previousResult,
  refused,
  targetsFor,
  translatesCodes,
  zodErrors,
  type ChangeOptions,
  type ChangeResult,
  type TargetSystem,
  type UserErrorShape,
} from '../change-support.js';
import { serializeRecord } from '../payloads.js';
import { entityTypeOf, type MasterEntity } from './entities.js';

export type { ChangeOptions, ChangeResult, TargetSystem, UserErrorShape } from '../change-support.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

const addressInput = z
  .object({
    line1: optionalText(200),
    line2: optionalText(200),
    city: optionalText(100),
    region: optionalText(100),
    postalCode: optionalText(30),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'a two-letter ISO 3166 country code such as GB')
      .nullish()
      .transform((v) => v ?? null),
  } satisfies Record<keyof Address, z.ZodType>)
  .nullish()
  .transform((a): Address | null =>
    a ? (Object.fromEntries(Object.entries(a).filter(([, v]) => v !== null)) as Address) : null,
  );

const nonNegative = z
  .instanceof(Decimal)
  .refine((d) => !d.isNegative(), 'must not be negative')
  .refine(storable, tooLargeMessage)
  .nullish()
  .transform((v) => v ?? null);

/** A customer or vendor as a change gives it: the domain's fields, within NAV's limits. */
export const partyInputSchema = z.object({
  number: z
    .string()
    .trim()
    .min(1)
    .max(20, 'NAV numbers have at most 20 characters')
    .nullish()
    .transform((v) => v ?? null),
  name: z.string().trim().min(1, 'a name is required').max(100, 'NAV names have at most 100 characters'),
  email: z
    .email('an email address like ap@example.com')
    .nullish()
    .transform((v) => v ?? null),
  phone: optionalText(30),
  taxNumber: optionalText(20),
  currency: currencySchema,
  status: partyStatusSchema,
  paymentTerms: optionalText(10),
  creditLimit: nonNegative,
  address: addressInput,
} satisfies ShapeOf<CustomerFields>);

/** An item as a change gives it: the domain's fields, within NAV's limits. */
export const itemInputSchema = z.object({
  number: z.string().trim().min(1).max(20, 'NAV item numbers have at most 20 characters'),
  name: z.string().trim().min(1, 'a name is required').max(100),
  description: optionalText(4000),
  type: itemTypeSchema,
  unitOfMeasure: optionalText(10),
  unitPrice: nonNegative,
  unitCost: nonNegative,
  salesAccountCode: optionalText(20),
  purchaseAccountCode: optionalText(20),
  taxCode: optionalText(20),
  blocked: z.boolean(),
} satisfies ShapeOf<ItemFields>);

/** What a client may send for a customer or vendor, and for an item, before the rules above. */
export type PartyChangeInput = z.input<typeof partyInputSchema>;
export type ItemChangeInput = z.input<typeof itemInputSchema>;

export interface ChangeServiceDeps {
  db: Database;
  master: MasterData;
  outbox: Outbox;
  events: EventBus;
  mutations: MutationRecords;
  lookups: Lookups | null;
  /** The tenant/company each connected system pushes to; absent systems are not pushed to. */
  targets: Partial<Record<TargetSystem, string>>;
  /** What each system takes from us (its connector's capabilities); absent means everything. */
  writable?: Partial<Record<TargetSystem, readonly string[]>>;
  /** The longest text each system keeps; a longer field is refused before anything is written. */
  textLimits?: Partial<Record<TargetSystem, TextLimits>>;
  /** Called after jobs were enqueued (wakes the local workers). */
  onEnqueued: () => void;
}

export class ChangeService {
  constructor(private readonly deps: ChangeServiceDeps) {}

  upsertCustomer(id: string | null, input: unknown, options: ChangeOptions): Promise<ChangeResult<Customer>> {
    return this.upsert('customer', id, input, options);
  }

  upsertVendor(id: string | null, input: unknown, options: ChangeOptions): Promise<ChangeResult<Vendor>> {
    return this.upsert('vendor', id, input, options);
  }

  upsertItem(id: string | null, input: unknown, options: ChangeOptions): Promise<ChangeResult<Item>> {
    return this.upsert('item', id, input, options);
  }

  /**
   * A change that lost a race on a unique key (the same idempotency key, a number another request
   * just created) is tried again: it then finds the winner's result, or updates the winner's record.
   */
  private upsert<T extends Customer | Vendor | Item>(
    entity: MasterEntity,
    id: string | null,
    input: unknown,
    options: ChangeOptions,
  ): Promise<ChangeResult<T>> {
    return retryOnUniqueViolation(async () => {
      const result = await this.upsertOnce<T>(entity, id, input, options);
      // Refused against a record that a request with the same key committed meanwhile: its result.
      const key = options.idempotencyKey;
      if (result.userErrors.length && key && (await this.deps.mutations.find(key)))
        return this.upsertOnce<T>(entity, id, input, options);
      return result;
    });
  }

  private async upsertOnce<T extends Customer | Vendor | Item>(
    entity: MasterEntity,
    id: string | null,
    input: unknown,
    options: ChangeOptions,
  ): Promise<ChangeResult<T>> {
    const operation = `upsert:${entity}`;
    const targets = targetsFor(options.targets, entity, this.deps.targets, this.deps.writable);
    if ('userErrors' in targets) return { record: null, jobs: [], userErrors: targets.userErrors };

    const inputHash = hashInput({ id, input, targets: targets.systems });
    const previous = await previousResult(
      this.deps.mutations,
      this.deps.outbox,
      options.idempotencyKey,
      operation,
      inputHash,
    );
    if (previous && 'refused' in previous) return refused(previous.refused);
    if (previous) {
      const record = await this.deps.master.byId(entity, previous.recordId);
      return { record: record as T, jobs: previous.jobs, userErrors: [] };
    }

    const parsed = (entity === 'item' ? itemInputSchema : partyInputSchema).safeParse(input);
    if (!parsed.success) return { record: null, jobs: [], userErrors: zodErrors(parsed.error, ['input']) };
    const fields = parsed.data as CustomerFields & ItemFields;
    const codeErrors = [
      ...this.checkCodes(entity, fields, targets.systems),
      ...this.checkLengths(entity, fields, targets.systems),
    ];
    if (codeErrors.length) return { record: null, jobs: [], userErrors: codeErrors };

    const existingId = id ?? (await this.existingByNumber(entity, fields.number));
    if (!existingId && entity === 'customer' && !options.allowDuplicate) {
      const duplicates = await this.duplicateCustomers(fields);
      if (duplicates.length) return refused(duplicates);
    }
    const { record, jobs, published } = await this.deps.db.transaction(async (tx) => {
      const status = targets.systems.length ? 'PENDING' : 'LOCAL_ONLY';
      const saved = await this.deps.master.save(tx, entity, existingId, fields, status);
      const jobs = await this.deps.outbox.enqueue(
        tx,
        targets.systems.map((system) => ({
          entityType: entityTypeOf[entity],
          entityId: saved.id,
          system,
          tenant: this.deps.targets[system] as string,
          payload: serializeRecord(saved),
          idempotencyKey: `${entity}:${saved.id}:${saved.updatedAt.getTime()}:${system}`,
        })),
      );
      const events: LedgerEvent[] = [
        {
          type: 'ENTITY_CHANGED',
          entityType: entityTypeOf[entity],
          entityId: saved.id,
          change: existingId ? 'UPDATED' : 'CREATED',
          source: 'GATEWAY',
        },
        ...jobs.map(jobUpdatedEvent),
      ];
      if (options.idempotencyKey) {
        await this.deps.mutations.save(tx, options.idempotencyKey, {
          operation,
          inputHash,
          result: { recordId: saved.id, jobIds: jobs.map((j) => j.id) },
        });
      }
      return { record: saved, jobs, published: await this.deps.events.record(events, tx) };
    });
    this.deps.events.announce(published);
    if (jobs.length) this.deps.onEnqueued();
    return { record: record as T, jobs, userErrors: [] };
  }

  /**
   * A new customer that another already answers to, by e-mail or by name (ignoring case,
   * punctuation and legal form, as inbound matching does): one user error per key it shares.
   */
  private async duplicateCustomers(fields: CustomerFields): Promise<UserErrorShape[]> {
    const name = nameKey(fields.name);
    const email = emailKey(fields.email);
    const matches = await this.deps.master.customerCandidates(name, email);
    const shared = [
      { field: 'email', what: 'this e-mail', match: email && matches.find((m) => m.matchEmail === email) },
      { field: 'name', what: 'this name', match: name && matches.find((m) => m.matchName === name) },
    ];
    return shared.flatMap(({ field, what, match }) =>
      match
        ? [
            {
              field: ['input', field],
              code: 'DUPLICATE_PARTY',
              message: `Customer ${match.number ? `${match.number} ` : ''}"${match.name}" (${match.id}) has ${what} already: update it, or set options.allowDuplicate to create another.`,
            },
          ]
        : [],
    );
  }

  /** Text longer than a target keeps is refused here, naming the target and its limit. */
  private checkLengths(entity: MasterEntity, fields: CustomerFields & ItemFields, systems: TargetSystem[]) {
    const errors: UserErrorShape[] = [];
    for (const field of ['name', 'email', 'number'] as const) {
      const value = (fields as Partial<Record<typeof field, string | null>>)[field];
      if (!value) continue;
      for (const system of systems) {
        const max = this.deps.textLimits?.[system]?.[`${entity}.${field}` as TextLimitField];
        if (max === undefined || value.length <= max) continue;
        errors.push({
          field: ['input', field],
          code: 'TOO_LONG',
          message: `${system} keeps a ${entity} ${field} of at most ${max} characters; this one has ${value.length}.`,
        });
        break;
      }
    }
    return errors;
  }

  /** Codes that would fail upstream are refused here, naming the code. */
  private checkCodes(entity: MasterEntity, fields: CustomerFields & ItemFields, systems: TargetSystem[]) {
    const lookups = this.deps.lookups;
    if (!lookups) return [];
    const errors: UserErrorShape[] = [];
    const attempt = (field: string, check: () => unknown) => {
      try {
        check();
      } catch (error) {
        if (!(error instanceof UnmappedCodeError)) throw error;
        errors.push({ field: ['input', field], code: 'UNMAPPED_CODE', message: error.message });
      }
    };
    if (entity !== 'item') {
      attempt('currency', () => lookups.currencyToNav(fields.currency));
      if (translatesCodes(systems) && fields.paymentTerms) {
        attempt('paymentTerms', () => lookups.paymentTermsToXero(fields.paymentTerms as string));
      }
    } else if (translatesCodes(systems)) {
      if (fields.salesAccountCode)
        attempt('salesAccountCode', () => lookups.accountToXero(fields.salesAccountCode as string));
      if (fields.purchaseAccountCode)
        attempt('purchaseAccountCode', () => lookups.accountToXero(fields.purchaseAccountCode as string));
      if (fields.taxCode) attempt('taxCode', () => lookups.taxToXero(fields.taxCode as string, 'SALES'));
    }
    return errors;
  }

  private async existingByNumber(entity: MasterEntity, number: string | null): Promise<string | null> {
    return number ? ((await this.deps.master.byNumber(entity, number))?.id ?? null) : null;
  }
}
