// Checks and converts the filter fields invoices and bills share.
import type { DocumentFilter } from '../../store/filters.js';
import type { BillFilter, InvoiceFilter } from '../shared/filters.input.js';
import { checkCurrency, checkRange } from '../shared/query-helpers.js';

export function accountsDocumentFilter(filter: InvoiceFilter | BillFilter | null): DocumentFilter {
  if (!filter) return {};
  checkRange(filter.issueDateFrom, filter.issueDateTo, ['filter', 'issueDateTo']);
  checkRange(filter.dueDateFrom, filter.dueDateTo, ['filter', 'dueDateTo']);
  checkRange(filter.totalMin, filter.totalMax, ['filter', 'totalMax']);
  checkCurrency(filter.currency, ['filter', 'currency']);
  return {
    status: filter.status,
    number: filter.number,
    dateFrom: filter.issueDateFrom,
    dateTo: filter.issueDateTo,
    dueDateFrom: filter.dueDateFrom,
    dueDateTo: filter.dueDateTo,
    totalMin: filter.totalMin,
    totalMax: filter.totalMax,
    currency: filter.currency,
    unpaid: filter.unpaid,
    syncStatus: filter.syncStatus,
    modifiedSince: filter.modifiedSince,
  };
}
