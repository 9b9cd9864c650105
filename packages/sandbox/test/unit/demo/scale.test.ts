// A medium company must generate without error and keep every invariant (no timing assertions:
// timing lives in the bench script).
import { describe, expect, it } from 'vitest';
import { generateDemoCompany } from '../../../src/demo/index.js';
import {
  checkDates,
  checkFullPaymentsAgainstTotals,
  checkPayments,
  checkPresence,
  checkReferentialIntegrity,
} from './checks.js';

describe('medium-size demo company', () => {
  const company = generateDemoCompany({
    customers: 2_000,
    vendors: 200,
    items: 400,
    salesInvoices: 20_000,
    purchaseInvoices: 4_000,
    salesOrders: 200,
  });

  it('has the requested counts', () => {
    expect(company.customers).toHaveLength(2_000);
    expect(company.salesInvoices).toHaveLength(20_000);
    expect(company.purchaseInvoices).toHaveLength(4_000);
  });

  it('keeps references, presence, payments and dates valid', () => {
    checkReferentialIntegrity(company);
    checkPresence(company);
    checkPayments(company);
    checkDates(company, '2026-11-01');
  });

  it('agrees with totals.ts on a sample of paid documents', () =>
    checkFullPaymentsAgainstTotals(company, 2_000));
});
