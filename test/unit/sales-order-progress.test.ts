// Where an order stands from what NAV reports: its own status until every posting line has
// shipped and then been invoiced; text lines do not count; an order NAV no longer holds is
// INVOICED when invoices name it, CANCELLED when none do.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { DocumentDraft, LineDraft } from '../../src/systems/system.js';
import {
  closedProgress,
  progressChanged,
  progressOf,
} from '../../src/sync/pipelines/sales-orders/translate.js';

const d = (v: string) => new Decimal(v);
const now = new Date('2024-04-01T12:00:00Z');

function line(lineNo: number, quantity: string, shipped?: string, invoiced?: string, item = true): LineDraft {
  return {
    lineNo,
    item: item ? { number: '1000' } : null,
    description: item ? null : 'Note',
    quantity: d(quantity),
    unitPrice: d('12.3456'),
    discountPercent: d('0'),
    accountCode: null,
    taxCode: null,
    taxAmount: d('0'),
    lineAmount: d('0'),
    dimensions: {},
    ...(shipped !== undefined ? { quantityShipped: d(shipped) } : {}),
    ...(invoiced !== undefined ? { quantityInvoiced: d(invoiced) } : {}),
  };
}

function order(status: DocumentDraft['status'], lines: LineDraft[]): DocumentDraft {
  const zero = d('0');
  return {
    number: '101005',
    party: { number: 'C00010' },
    status,
    issueDate: '2024-04-01',
    dueDate: '2024-05-01',
    currency: 'GBP',
    currencyRate: null,
    lineAmountType: 'EXCLUSIVE',
    reference: null,
    externalDocumentNumber: null,
    subTotal: zero,
    totalTax: zero,
    total: zero,
    amountPaid: zero,
    amountDue: zero,
    lines,
  };
}

describe('sales order progress', () => {
  it("keeps NAV's status while anything is to ship, with each line's quantities", () => {
    const p = progressOf(
      order('AUTHORISED', [line(10000, '1.333', '0.333', '0.333'), line(20000, '0.5')]),
      now,
    );
    expect(p.status).toBe('RELEASED');
    expect(p.completedAt).toBeNull();
    expect(p.lines.map((l) => [l.shipped.toFixed(), l.invoiced.toFixed(), l.outstanding.toFixed()])).toEqual([
      ['0.333', '0.333', '1'],
      ['0', '0', '0.5'],
    ]);
    expect(progressOf(order('DRAFT', [line(10000, '1')]), now).status).toBe('OPEN');
  });

  it('is SHIPPED once all has shipped, INVOICED (completed) once all is invoiced; text lines do not count', () => {
    const shipped = progressOf(
      order('AUTHORISED', [
        line(10000, '0.333', '0.333', '0'),
        line(20000, '1', undefined, undefined, false),
      ]),
      now,
    );
    expect(shipped.status).toBe('SHIPPED');
    expect(shipped.lines).toHaveLength(1);
    const invoiced = progressOf(order('AUTHORISED', [line(10000, '0.333', '0.333', '0.333')]), now);
    expect(invoiced).toMatchObject({ status: 'INVOICED', completedAt: now });
  });

  it('tells a fully posted order from a deleted one, and notices only real changes', () => {
    const lines = [{ lineNo: 10000, quantity: d('1.333') }];
    const posted = closedProgress(lines, true, now);
    expect(posted.status).toBe('INVOICED');
    expect(posted.lines[0]!.invoiced.toFixed()).toBe('1.333');
    expect(posted.lines[0]!.outstanding.toFixed()).toBe('0');
    expect(closedProgress(lines, false, now)).toMatchObject({ status: 'CANCELLED', lines: [] });

    const stored = {
      status: 'OPEN' as const,
      lines: [
        {
          lineNo: 10000,
          quantityShipped: d('0.333'),
          quantityInvoiced: d('0.333'),
          outstandingQuantity: d('1'),
        },
      ],
    };
    const same = progressOf(order('DRAFT', [line(10000, '1.333', '0.3330', '0.333')]), now);
    expect(progressChanged(stored, same)).toBe(false);
    const more = progressOf(order('DRAFT', [line(10000, '1.333', '0.666', '0.666')]), now);
    expect(progressChanged(stored, more)).toBe(true);
  });
});
