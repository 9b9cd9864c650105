// Code lookup tables between NAV and Xero: G/L accounts ⇄ AccountCodes, VAT posting groups ⇄
// TaxTypes, payment terms, currencies, dimensions ⇄ tracking categories. The unified model speaks
// NAV's codes; the Xero side is translated here. A code with no mapping is refused BEFORE anything
// is sent, with a message naming it.
import { readFile } from 'node:fs/promises';
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';

const code = z.string().trim().min(1);

export const lookupTablesSchema = z.object({
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

export class Lookups {
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

  accountToXero(nav: string): string {
    return this.find('account', nav, 'toXero', this.tables.accounts.find((a) => a.nav === nav)?.xero);
  }

  /** Several NAV accounts may share one Xero code; the first listed is the way back. */
  accountToNav(xero: string): string {
    return this.find('account', xero, 'toNav', this.tables.accounts.find((a) => a.xero === xero)?.nav);
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

  /** NAV dimension code + value code → Xero tracking category name + option name. */
  dimensionToXero(dimension: string, value: string): { category: string; option: string } {
    const dim = this.tables.dimensions.find((d) => d.nav === dimension);
    if (!dim) throw new UnmappedCodeError('dimension', dimension, 'toXero');
    const option = dim.values.find((v) => v.nav === value)?.xero;
    return {
      category: dim.xero,
      option: this.find('dimensionValue', `${dimension}=${value}`, 'toXero', option),
    };
  }

  dimensionToNav(category: string, option: string): { dimension: string; value: string } {
    const dim = this.tables.dimensions.find((d) => d.xero === category);
    if (!dim) throw new UnmappedCodeError('dimension', category, 'toNav');
    const value = dim.values.find((v) => v.xero === option)?.nav;
    return {
      dimension: dim.nav,
      value: this.find('dimensionValue', `${category}=${option}`, 'toNav', value),
    };
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
