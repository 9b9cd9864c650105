// Saving a document into the mirror: its lines refer to the items and dimension values the mirror
// knows, and the number of statements does not grow with its lines or with what the mirror lacks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LineDraft } from '../../src/systems/system.js';
import { Decimal } from '../../src/domain/money.js';
import { DimensionStore } from '../../src/store/dimensions.js';
import { DocumentStore, type DocumentFields } from '../../src/store/documents.js';
import { MasterData } from '../../src/store/master-data.js';
import { databaseTargets } from '../support/databases.js';

const targets = await databaseTargets();

const line = (lineNo: number, item: string | null, dimensions: Record<string, string>): LineDraft => ({
  lineNo,
  item: item ? { number: item } : null,
  description: `line ${lineNo}`,
  quantity: new Decimal(1),
  unitPrice: new Decimal(10),
  discountPercent: new Decimal(0),
  accountCode: item ? null : '6100',
  taxCode: 'STANDARD',
  taxAmount: new Decimal(2),
  lineAmount: new Decimal(10),
  dimensions,
});

describe.each(targets)('document store on $name', (target) => {
  let db: Awaited<ReturnType<typeof target.open>>;
  let documents: DocumentStore;
  let partyId: string;
  const invoice = (number: string, lines: LineDraft[]): DocumentFields => ({
    partyId,
    party: { number: 'C-1' },
    number,
    status: 'POSTED',
    issueDate: '2026-01-05',
    dueDate: '2026-02-04',
    currency: 'GBP',
    currencyRate: null,
    lineAmountType: 'EXCLUSIVE',
    reference: null,
    externalDocumentNumber: null,
    subTotal: new Decimal(10 * lines.length),
    totalTax: new Decimal(2 * lines.length),
    total: new Decimal(12 * lines.length),
    amountPaid: new Decimal(0),
    amountDue: new Decimal(12 * lines.length),
    lines,
  });
  /** Saves a new invoice; the statements it took. */
  const save = (doc: DocumentFields) =>
    db.transaction(async (tx) => {
      const before = db.queries.count;
      const saved = await documents.save(tx, 'invoice', null, doc, 'PENDING');
      return { saved, statements: db.queries.count - before };
    });

  beforeAll(async () => {
    db = await target.open();
    documents = new DocumentStore(db.prisma);
    const master = new MasterData(db.prisma);
    await db.transaction(async (tx) => {
      const party = { name: 'Fourth Coffee', email: null, phone: null, taxNumber: null, address: null };
      const common = { currency: 'GBP', status: 'ACTIVE', paymentTerms: null, syncStatus: 'SYNCED' } as const;
      partyId = (
        await master.saveCustomer(tx, null, { number: 'C-1', ...party, ...common, creditLimit: null })
      ).id;
      await master.saveItem(tx, null, {
        number: 'ITEM-1',
        name: 'Widget',
        description: null,
        type: 'INVENTORY',
        unitOfMeasure: null,
        unitPrice: null,
        unitCost: null,
        salesAccountCode: '4000',
        purchaseAccountCode: '5000',
        taxCode: null,
        blocked: false,
        syncStatus: 'SYNCED',
      });
      const value = (code: string) => ({ code, name: code, blocked: false });
      await new DimensionStore(db.prisma).save(
        tx,
        { code: 'DEPARTMENT', name: 'Department', blocked: false, values: [value('SALES'), value('ADM')] },
        'SYNCED',
      );
    });
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('tells which items the lines refer to, by number (what the document needs sent first)', async () => {
    const { saved } = await save(
      invoice('INV-0', [line(1, 'ITEM-1', {}), line(2, 'NOT-IN-MIRROR', {}), line(3, 'ITEM-1', {})]),
    );
    const item = await db.prisma.item.findUniqueOrThrow({ where: { number: 'ITEM-1' } });
    expect([...saved.itemIds]).toEqual([['ITEM-1', item.id]]);
    const lines = await db.prisma.invoiceLine.findMany({
      where: { invoiceId: saved.id },
      orderBy: { lineNo: 'asc' },
    });
    expect(lines.map((l) => l.itemId)).toEqual([item.id, null, item.id]);
  });

  it('looks the dimension values of all lines up in one statement, known to the mirror or not', async () => {
    const known = await save(
      invoice('INV-1', [
        line(1, 'ITEM-1', { DEPARTMENT: 'SALES' }),
        line(2, null, { DEPARTMENT: 'ADM' }),
        line(3, null, { DEPARTMENT: 'SALES' }),
      ]),
    );
    // insert, items, dimension values, delete lines, insert lines, insert line dimensions
    expect(known.statements).toBe(6);
    const unknown = await save(
      invoice('INV-2', [
        line(1, 'ITEM-1', { DEPARTMENT: 'NOPE', AREA: 'NORTH' }),
        line(2, null, { AREA: 'S' }),
      ]),
    );
    expect(unknown.statements).toBe(5); // nothing matched: no line dimensions to insert
    const plain = await save(invoice('INV-3', [line(1, null, {}), line(2, null, {})]));
    expect(plain.statements).toBe(3); // insert, delete lines, insert lines

    const snapshot = await documents.snapshot('invoice', known.saved.id);
    expect(snapshot?.lines.map((l) => [l.item?.number ?? null, l.dimensions])).toEqual([
      ['ITEM-1', { DEPARTMENT: 'SALES' }],
      [null, { DEPARTMENT: 'ADM' }],
      [null, { DEPARTMENT: 'SALES' }],
    ]);
    const unmatched = await documents.snapshot('invoice', unknown.saved.id);
    expect(unmatched?.lines.map((l) => [l.item?.number ?? null, l.dimensions])).toEqual([
      ['ITEM-1', {}],
      [null, {}],
    ]);
  });
});
