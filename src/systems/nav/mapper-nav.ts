// NAV 2017/2018 OData V4 pages ⇄ unified drafts. Pure functions: no I/O, no clock. One module per
// entity family under mapper-nav/; this gathers them, so callers import the NAV mappers from one place.
export * from './mapper-nav/fields.js';
export * from './mapper-nav/parties.js';
export * from './mapper-nav/items.js';
export * from './mapper-nav/dimensions.js';
export * from './mapper-nav/documents.js';
export * from './mapper-nav/ledger.js';
export * from './mapper-nav/payments.js';
