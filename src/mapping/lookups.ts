// Code lookup tables between NAV and Xero: G/L accounts ⇄ AccountCodes, VAT posting groups ⇄
// TaxTypes, payment terms, currencies, dimensions ⇄ tracking categories. The unified model speaks
// NAV's codes; the Xero side is translated here. A code with no mapping is refused BEFORE anything
// is sent, with a message naming it.
import { readFile } from 'node:fs/promises';
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';

const code = z.string().trim().min(1);

export const lookupTablesSchema = z
  .object({
    accounts: z.array(z.object({ nav: code, xero: code, name: z.string().optional() })).min(1),
    taxCodes: z
      .array(
        z.object({
          nav: code,
          xero: code,
          side: z.enum(['SALES', 'PURCHASES', 'BOTH']).default('BOTH'),
          /** Percent, e.g. 20: lets the gateway compute a new document's tax before sending it. */
          rate: z
            .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)])
            .transform(String)
            .optional(),
        }),
      )
      .min(1),
    paymentTerms: z.array(
      z.object({
        nav: code,
        xero: z.object({
          day: z.number().int().min(0).max(366),
          type: z.enum(['DAYSAFTERBILLDATE', 'DAYSAFTERBILLMONTH', 'OFCURRENTMONTH', 'OFFOLLOWINGMONTH']),
        }),
      }),
    ),
    /**
     * The bank account (NAV G/L No.) a payment went through when its source does not say: NAV's
     * customer ledger entries do not carry the balancing account, Xero needs one.
     */
    defaultBankAccount: code.optional(),
    /**
     * What Xero shows for a customer or vendor blocked in NAV (Xero has no "blocked"): ARCHIVED
     * (default: no new invoices for it there either) or ACTIVE.
     */
    blockedContacts: z.enum(['ARCHIVED', 'ACTIVE']).default('ARCHIVED'),
    /**
     * NAV's General Posting Setup for items, by General Product Posting Group: the G/L accounts an
     * item's sales and purchases post to. NAV items carry no account of their own; Xero items and
     * invoice lines need one.
     */
    itemAccounts: z.record(code, z.object({ sales: code.optional(), purchase: code.optional() })).default({}),
    /** ISO codes both sides accept; NAV's blank currency means this base currency. */
    baseCurrency: z.string().regex(/^[A-Z]{3}$/),
    currencies: z.array(z.string().regex(/^[A-Z]{3}$/)),
    dimensions: z
      .array(
        z.object({
          nav: code,
          /** Xero tracking category name. */
          xero: code,
          values: z.array(z.object({ nav: code, xero: code })).min(1),
        }),
      )
      .max(2, 'Xero allows at most two active tracking categories'),
  })
  .superRefine((tables, ctx) => {
    const known = new Set(tables.accounts.map((a) => a.nav));
    for (const [group, accounts] of Object.entries(tables.itemAccounts))
      for (const side of ['sales', 'purchase'] as const) {
        const account = accounts[side];
        if (account && !known.has(account))
          ctx.addIssue({
            code: 'custom',
            path: ['itemAccounts', group, side],
            message: `account "${account}" is not in accounts`,
          });
      }
  });

export type LookupTables = z.output<typeof lookupTablesSchema>;
export type LookupKind = 'account' | 'taxCode' | 'paymentTerms' | 'currency' | 'dimension' | 'dimensionValue';
export type TaxSide = 'SALES' | 'PURCHASES';

/** A code that has no mapping in the lookup tables. */
export class UnmappedCodeError extends Error {
  constructor(
    readonly kind: LookupKind,
    readonly code: string,
    readonly direction: 'toXero' | 'toNav',
  ) {
    super(
      `${kind} "${code}" has no ${direction === 'toXero' ? 'Xero' : 'NAV'} mapping in the lookup tables; ` +
        'add it to the lookups file before syncing this record.',
    );
    this.name = 'UnmappedCodeError';
  }
}

/** A NAV dimension value as the mirror holds it (for values the tables do not list). */
export interface SyncedDimensionValue {
  dimension: string;
  code: string;
  name: string;
}

/** Xero keeps option names up to 100 characters. */
const XERO_OPTION_NAME_MAX = 100;

export class Lookups {
  /**
   * Values of mapped dimensions that the tables do not list, as synced from NAV (NAV owns
   * dimensions): per dimension code, value code → Xero option name and option name (lower case,
   * Xero ignores case) → value code. Fed from the mirror with useSyncedDimensionValues.
   */
  private synced = new Map<string, { toXero: Map<string, string>; toNav: Map<string, string> }>();

  constructor(readonly tables: LookupTables) {}

  static async fromFile(file: string): Promise<Lookups> {
    const text = await readFile(file, 'utf8');
    const raw = file.endsWith('.json') ? (JSON.parse(text) as unknown) : parseYaml(text);
    const parsed = lookupTablesSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new Error(`Invalid lookup tables in ${file}:\n${problems.join('\n')}`);
    }
    return new Lookups(parsed.data);
  }

  /** What Xero shows for a party blocked in NAV. */
  blockedContactStatus(): 'ARCHIVED' | 'ACTIVE' {
    return this.tables.blockedContacts;
  }

  accountToXero(nav: string): string {
    return this.find('account', nav, 'toXero', this.tables.accounts.find((a) => a.nav === nav)?.xero);
  }

  /** Several NAV accounts may share one Xero code; the first listed is the way back. */
  accountToNav(xero: string): string {
    return this.find('account', xero, 'toNav', this.tables.accounts.find((a) => a.xero === xero)?.nav);
  }

  /** The sales and purchase accounts (NAV G/L Nos.) of items in a General Product Posting Group. */
  itemAccountsFor(postingGroup: string | null): { sales: string | null; purchase: string | null } {
    const row = postingGroup ? this.tables.itemAccounts[postingGroup] : undefined;
    return { sales: row?.sales ?? null, purchase: row?.purchase ?? null };
  }

  taxToXero(nav: string, side: TaxSide): string {
    const row = this.tables.taxCodes.find((t) => t.nav === nav && (t.side === side || t.side === 'BOTH'));
    return this.find('taxCode', nav, 'toXero', row?.xero);
  }

  /** The tax rate in percent of a NAV VAT code, when the tables give one. */
  taxRate(nav: string): string | null {
    return this.tables.taxCodes.find((t) => t.nav === nav && t.rate !== undefined)?.rate ?? null;
  }

  taxToNav(xero: string): string {
    return this.find('taxCode', xero, 'toNav', this.tables.taxCodes.find((t) => t.xero === xero)?.nav);
  }

  paymentTermsToXero(nav: string): LookupTables['paymentTerms'][number]['xero'] {
    const row = this.tables.paymentTerms.find((t) => t.nav === nav);
    if (!row) throw new UnmappedCodeError('paymentTerms', nav, 'toXero');
    return row.xero;
  }

  paymentTermsToNav(xero: { day: number; type: string }): string {
    const row = this.tables.paymentTerms.find((t) => t.xero.day === xero.day && t.xero.type === xero.type);
    return this.find('paymentTerms', `${xero.day} ${xero.type}`, 'toNav', row?.nav);
  }

  /** NAV leaves the base currency blank; everything else is ISO on both sides. */
  currencyToNav(iso: string): string {
    if (iso === this.tables.baseCurrency) return '';
    return this.find('currency', iso, 'toNav', this.tables.currencies.includes(iso) ? iso : undefined);
  }

  currencyFromNav(navCode: string): string {
    if (navCode === '') return this.tables.baseCurrency;
    return this.find(
      'currency',
      navCode,
      'toXero',
      this.tables.currencies.includes(navCode) ? navCode : undefined,
    );
  }

  /**
   * NAV dimension code + value code → Xero tracking category name + option name. A value the
   * tables do not list is known by the option name it was synced under (see xeroOptionNames).
   */
  dimensionToXero(dimension: string, value: string): { category: string; option: string } {
    const dim = this.tables.dimensions.find((d) => d.nav === dimension);
    if (!dim) throw new UnmappedCodeError('dimension', dimension, 'toXero');
    const option =
      dim.values.find((v) => v.nav === value)?.xero ?? this.synced.get(dim.nav)?.toXero.get(value);
    return {
      category: dim.xero,
      option: this.find('dimensionValue', `${dimension}=${value}`, 'toXero', option),
    };
  }

  dimensionToNav(category: string, option: string): { dimension: string; value: string } {
    const dim = this.tables.dimensions.find((d) => d.xero === category);
    if (!dim) throw new UnmappedCodeError('dimension', category, 'toNav');
    const value =
      dim.values.find((v) => v.xero === option)?.nav ??
      this.synced.get(dim.nav)?.toNav.get(option.toLowerCase());
    return {
      dimension: dim.nav,
      value: this.find('dimensionValue', `${category}=${option}`, 'toNav', value),
    };
  }

  /** The lookup row of a NAV dimension, or undefined when the tables do not send it to Xero. */
  mappedDimension(dimension: string): LookupTables['dimensions'][number] | undefined {
    return this.tables.dimensions.find((d) => d.nav === dimension);
  }

  /**
   * The Xero option name of each value of a mapped NAV dimension: the tables' name when they list
   * the value, else the value's NAV name (its code when the name is blank). A NAV name that another
   * option already has (Xero compares names ignoring case) gets the code appended, so every value
   * keeps an option of its own. Values are taken in code order, so the names never depend on the
   * order NAV lists them in. Empty for a dimension the tables do not map.
   */
  xeroOptionNames(dimension: string, values: readonly { code: string; name: string }[]): Map<string, string> {
    const out = new Map<string, string>();
    const dim = this.mappedDimension(dimension);
    if (!dim) return out;
    const taken = new Set(dim.values.map((v) => v.xero.toLowerCase()));
    const unlisted: { code: string; name: string }[] = [];
    for (const value of values) {
      const listed = dim.values.find((v) => v.nav === value.code);
      if (listed) out.set(value.code, listed.xero);
      else unlisted.push(value);
    }
    unlisted.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    for (const value of unlisted) {
      const base = (value.name.trim() || value.code).slice(0, XERO_OPTION_NAME_MAX);
      let name = base;
      if (taken.has(name.toLowerCase())) {
        const suffix = ` (${value.code})`;
        name = `${base.slice(0, XERO_OPTION_NAME_MAX - suffix.length)}${suffix}`;
      }
      taken.add(name.toLowerCase());
      out.set(value.code, name);
    }
    return out;
  }

  /**
   * Lets dimensionToXero / dimensionToNav translate values the tables do not list, under the
   * option names they are synced to Xero with. `values` are the mirror's values (all of them: the
   * previous set is replaced); values of dimensions the tables do not map are ignored.
   */
  useSyncedDimensionValues(values: readonly SyncedDimensionValue[]): void {
    const byDimension = new Map<string, SyncedDimensionValue[]>();
    for (const v of values) byDimension.set(v.dimension, [...(byDimension.get(v.dimension) ?? []), v]);
    const next = new Map<string, { toXero: Map<string, string>; toNav: Map<string, string> }>();
    for (const [dimension, list] of byDimension) {
      const dim = this.mappedDimension(dimension);
      if (!dim) continue;
      const toXero = new Map<string, string>();
      const toNav = new Map<string, string>();
      for (const [code, name] of this.xeroOptionNames(dimension, list)) {
        if (dim.values.some((v) => v.nav === code)) continue;
        toXero.set(code, name);
        toNav.set(name.toLowerCase(), code);
      }
      next.set(dimension, { toXero, toNav });
    }
    this.synced = next;
  }

  private find(
    kind: LookupKind,
    code: string,
    direction: 'toXero' | 'toNav',
    found: string | undefined,
  ): string {
    if (found === undefined) throw new UnmappedCodeError(kind, code, direction);
    return found;
  }
}
