// Field helpers for the BC API v2.0 entities (camelCase names, enum types, GUID references).
import type { NavContext } from '../../context.js';
import { codeGuid } from '../../ids.js';
import { field, type FieldDef } from '../../odata/edm.js';
import type { Party, Tracked } from '../../state.js';
import { optionField } from '../fields.js';
import { EMPTY_GUID, instant } from '../wire.js';
import { bcEnums, type BcEnum } from './enums.js';

/** A field over one of BC's enum types. */
export function enumField<R>(
  name: string,
  enumType: BcEnum,
  get: (r: R, ctx: NavContext) => string,
  set?: (r: R, raw: string, ctx: NavContext) => void,
): FieldDef<R> {
  return optionField(name, bcEnums[enumType], get, set, enumType);
}

export const idField = <R extends Tracked>(): FieldDef<R> =>
  field<R>('id', 'Edm.Guid', (r) => r.id, undefined, { nullable: false });
export const modifiedField = <R extends Tracked>(): FieldDef<R> =>
  field<R>('lastModifiedDateTime', 'Edm.DateTimeOffset', (r) => instant(r.modifiedAt));

/** BC shows the local currency's code when the record's currency is blank (LCY). */
export const currencyCode = (ctx: NavContext, code: string): string => code || ctx.state.baseCurrency;
export const currencyId = (code: string): string => (code ? codeGuid('currency', code) : EMPTY_GUID);
export const termsId = (code: string): string => (code ? codeGuid('paymentTerms', code) : EMPTY_GUID);

/** Sets a currency from its code; the local currency's code means blank, as in BC. */
export function setCurrency(ctx: NavContext, r: { currency: string }, code: string): void {
  r.currency = code === ctx.state.baseCurrency ? '' : code;
}

export function addressFields<R>(
  prefix: string,
  party: (r: R, ctx: NavContext) => Party | undefined,
  postCodeName = 'PostCode',
): FieldDef<R>[] {
  const p = (f: (x: Party) => string) => (r: R, ctx: NavContext) => {
    const x = party(r, ctx);
    return x ? f(x) : '';
  };
  return [
    field<R>(
      `${prefix}AddressLine1`,
      'Edm.String',
      p((x) => x.address),
    ),
    field<R>(
      `${prefix}AddressLine2`,
      'Edm.String',
      p((x) => x.address2),
    ),
    field<R>(
      `${prefix}City`,
      'Edm.String',
      p((x) => x.city),
    ),
    field<R>(
      `${prefix}Country`,
      'Edm.String',
      p((x) => x.country),
    ),
    field<R>(
      `${prefix}State`,
      'Edm.String',
      p((x) => x.county),
    ),
    field<R>(
      `${prefix}${postCodeName}`,
      'Edm.String',
      p((x) => x.postCode),
    ),
  ];
}
