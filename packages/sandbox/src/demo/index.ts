// Public API of the demo company, loaded by the Xero and NAV sandboxes.
export type * from './model.js';
export { demoDefaults, generateDemoCompany } from './generate.js';
export {
  computeDocumentTotals,
  computeLineTotals,
  taxRatesByGroup,
  type DocumentLineInput,
  type DocumentTotals,
  type LineTotals,
  type LineTotalsInput,
  type TaxRatesByGroup,
} from './totals.js';
