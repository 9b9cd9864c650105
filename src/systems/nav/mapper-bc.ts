// Business Central API v2.0 entities ⇄ unified drafts. Pure functions: no I/O, no clock. One module
// per entity family under mapper-bc/; this gathers them, so callers import the BC mappers from one place.
export * from './mapper-bc/fields.js';
export * from './mapper-bc/parties.js';
export * from './mapper-bc/items.js';
export * from './mapper-bc/dimensions.js';
export * from './mapper-bc/documents.js';
export * from './mapper-bc/ledger.js';
export * from './mapper-bc/payments.js';
