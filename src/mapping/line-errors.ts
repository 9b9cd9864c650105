// Unmapped codes on a document line, named by the line's field path so a user error (or a dead
// letter's reason) says which line and which field to fix.
import { UnmappedCodeError } from './lookups.js';

/** An unmapped code on a document line, naming the line. */
export class UnmappedLineCodeError extends UnmappedCodeError {
  constructor(
    readonly field: string,
    cause: UnmappedCodeError,
  ) {
    super(cause.kind, cause.code, cause.direction);
    this.message = `${field}: ${cause.message}`;
  }
}

/** An item line with no account to post to in Xero: NAV items carry none. */
export class ItemWithoutAccountError extends UnmappedCodeError {
  constructor(field: string, item: string, side: 'SALES' | 'PURCHASES') {
    super('account', item, 'toXero');
    const which = side === 'SALES' ? 'sales' : 'purchase';
    this.message =
      `${field}: item "${item}" has no ${which} account for Xero. NAV items carry none: list the ` +
      "item's General Product Posting Group under itemAccounts in the lookups file (or give the " +
      'item an account), then replay.';
  }
}

/** Runs a translation of one line field, naming the field when a code has no mapping. */
export function withField<T>(field: string, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof UnmappedCodeError) throw new UnmappedLineCodeError(field, error);
    throw error;
  }
}
