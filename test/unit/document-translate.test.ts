// A NAV document on its way to Xero: an item line posts to the item's account (from itemAccounts,
// by its NAV posting group); an item with none is refused before sending, saying what to add.
import { describe, expect, it } from 'vitest';
import type { DocumentDraft, LineDraft } from '../../src/systems/system.js';
import { Decimal } from '../../src/domain/money.js';
import { Lookups } from '../../src/mapping/lookups.js';
import { documentForSystem } from '../../src/sync/pipelines/documents/translate.js';
import { ItemWithoutAccountError } from '../../src/mapping/line-errors.js';

const d = (v: string) => new Decimal(v);
const line = (item: string | null, accountCode: string | null = null): LineDraft => ({
  lineNo: 1,
  item: item ? { number: item } : null,
  description: 'Widget',
  quantity: d('2'),
  unitPrice: d('10'),
  discountPercent: d('0'),
  accountCode,
  taxCode: null,
  taxAmount: d('0'),
  lineAmount: d('20'),
  dimensions: {},
});
const invoice = (lines: LineDraft[]): DocumentDraft => ({
  number: 'SI-1',
  party: { number: 'C1' },
  status: 'POSTED',
  issueDate: '2026-11-01',
  dueDate: '2026-12-01',
  currency: 'GBP',
  currencyRate: null,
  lineAmountType: 'EXCLUSIVE',
  reference: null,
  externalDocumentNumber: null,
  subTotal: d('20'),
  totalTax: d('0'),
  total: d('20'),
  amountPaid: d('0'),
  amountDue: d('20'),
  lines,
});

describe('documents for Xero', () => {
  it("puts an item line on the item's sales account, and refuses an item with no account", async () => {
    const lookups = await Lookups.fromFile('config/lookups.demo.yaml');
    const accounts = new Map([
      ['1000', { sales: '6110', purchase: '7110' }],
      ['2000', { sales: null, purchase: null }],
    ]);
    const sent = documentForSystem('XERO', 'invoice', invoice([line('1000')]), {}, lookups, accounts);
    expect(sent.lines[0]?.accountCode).toBe(lookups.accountToXero('6110'));

    const refuse = () =>
      documentForSystem('XERO', 'invoice', invoice([line('1000'), line('2000')]), {}, lookups, accounts);
    expect(refuse).toThrow(ItemWithoutAccountError);
    expect(refuse).toThrow(/lines\.1\.accountCode: item "2000" has no sales account .*itemAccounts/);
    // A line's own account wins; a line with neither item nor account is Xero's to judge.
    const own = documentForSystem(
      'XERO',
      'invoice',
      invoice([line('2000', '6110'), line(null)]),
      {},
      lookups,
      accounts,
    );
    expect(own.lines.map((l) => l.accountCode)).toEqual([lookups.accountToXero('6110'), null]);
  });
});
