// NAV document line subpages ("SalesLines" and "PurchLines" published as contained navigation):
// keyed by the header's type and number; posted documents' lines are read-only.
import { lineAmountsIn } from '../../amounts.js';
import type { NavContext } from '../../context.js';
import { errors } from '../../errors.js';
import { defineEntity, field, type AnyEntityDef, type FieldDef } from '../../odata/edm.js';
import type { DocHeader } from '../../state.js';
import { globalDimension, lineDimension, snapshotLine, type LineRef } from '../lines.js';
import { deleteLine, insertLine, modifyLine, setLineNo } from '../ops.js';
import { optionField } from '../fields.js';
import { num, str } from '../wire.js';
import { invoicedOf, outstandingOf, setToShip, shippedOf, toShipOf } from '../../posting/order-quantities.js';

const LINE_TYPES = ['', 'G/L Account', 'Item'] as const;

function setDim(ctx: NavContext, dims: Record<string, string>, index: 0 | 1, value: string): void {
  const code = globalDimension(ctx, index);
  if (!code) throw errors.fieldValidation(`Global Dimension ${index + 1} is not set up.`);
  if (value === '') {
    delete dims[code];
    return;
  }
  if (!ctx.state.dimensionValues.some((v) => v.dimensionCode === code && v.code === value)) {
    throw errors.recordNotFound('Dimension Value', `Dimension Code='${code}',Code='${value}'`);
  }
  dims[code] = value;
}

function lineFields<H extends DocHeader>(
  side: 'sales' | 'purchase',
  docType: ((h: H) => string) | undefined,
): FieldDef<LineRef<H>>[] {
  type L = LineRef<H>;
  const keyFields: FieldDef<L>[] = [];
  if (docType) keyFields.push(field<L>('Document_Type', 'Edm.String', (r) => docType(r.header)));
  return [
    ...keyFields,
    field<L>('Document_No', 'Edm.String', (r) => r.header.no),
    field<L>(
      'Line_No',
      'Edm.Int32',
      (r) => r.line.lineNo,
      (r, v) => (r.line.lineNo = Number(v)),
    ),
    optionField<L>(
      'Type',
      LINE_TYPES,
      (r) => r.line.type,
      (r, v) => (r.line.type = v as L['line']['type']),
    ),
    field<L>(
      'No',
      'Edm.String',
      (r) => r.line.no,
      (r, v, ctx) => setLineNo(ctx, r.line, str(v), side),
      { maxLength: 20 },
    ),
    field<L>(
      'Description',
      'Edm.String',
      (r) => r.line.description,
      (r, v) => (r.line.description = str(v)),
      { maxLength: 50 },
    ),
    field<L>(
      'Quantity',
      'Edm.Decimal',
      (r) => r.line.quantity,
      (r, v) => (r.line.quantity = num(v)),
    ),
    field<L>(
      'Unit_of_Measure_Code',
      'Edm.String',
      (r) => r.line.unitOfMeasure,
      (r, v) => (r.line.unitOfMeasure = str(v)),
    ),
    field<L>(
      side === 'sales' ? 'Unit_Price' : 'Direct_Unit_Cost',
      'Edm.Decimal',
      (r) => r.line.unitPrice,
      (r, v) => (r.line.unitPrice = num(v)),
    ),
    field<L>(
      'Line_Discount_Percent',
      'Edm.Decimal',
      (r) => r.line.discountPercent,
      (r, v) => (r.line.discountPercent = num(v)),
    ),
    field<L>(
      'Line_Discount_Amount',
      'Edm.Decimal',
      (r, ctx) => lineAmountsIn(ctx.state, r.header, r.line).discountAmount,
    ),
    field<L>('Line_Amount', 'Edm.Decimal', (r, ctx) => lineAmountsIn(ctx.state, r.header, r.line).lineAmount),
    field<L>(
      'VAT_Prod_Posting_Group',
      'Edm.String',
      (r) => r.line.vatGroup,
      (r, v) => (r.line.vatGroup = str(v)),
    ),
    field<L>(
      'Shortcut_Dimension_1_Code',
      'Edm.String',
      (r, ctx) => lineDimension(ctx, r.line, 0),
      (r, v, ctx) => setDim(ctx, r.line.dimensions, 0, str(v)),
    ),
    field<L>(
      'Shortcut_Dimension_2_Code',
      'Edm.String',
      (r, ctx) => lineDimension(ctx, r.line, 1),
      (r, v, ctx) => setDim(ctx, r.line.dimensions, 1, str(v)),
    ),
  ];
}

/** Sales Order Subform's quantities: to ship now (writable), shipped, invoiced, outstanding. */
function orderQuantityFields<H extends DocHeader>(): FieldDef<LineRef<H>>[] {
  type L = LineRef<H>;
  return [
    field<L>(
      'Qty_to_Ship',
      'Edm.Decimal',
      (r) => toShipOf(r.line),
      (r, v) => setToShip(r.line, num(v)),
    ),
    field<L>('Quantity_Shipped', 'Edm.Decimal', (r) => shippedOf(r.line)),
    field<L>('Qty_to_Invoice', 'Edm.Decimal', (r) => toShipOf(r.line)),
    field<L>('Quantity_Invoiced', 'Edm.Decimal', (r) => invoicedOf(r.line)),
    field<L>('Outstanding_Quantity', 'Edm.Decimal', (r) => outstandingOf(r.line)),
  ];
}

export function lineDef<H extends DocHeader & { status?: string }>(
  typeName: string,
  caption: string,
  side: 'sales' | 'purchase',
  docType: ((h: H) => string) | undefined,
  writable: boolean,
  orderLines = false,
): AnyEntityDef {
  type L = LineRef<H>;
  const keys = docType ? ['Document_Type', 'Document_No', 'Line_No'] : ['Document_No', 'Line_No'];
  return defineEntity<L>({
    typeName,
    setName: typeName,
    caption,
    keys,
    fields: [...lineFields<H>(side, docType), ...(orderLines ? orderQuantityFields<H>() : [])],
    identity: (r) => r.line,
    snapshot: snapshotLine,
    ...(writable
      ? {
          insert: (r: L, ctx: NavContext) => insertLine(ctx, r.header, r.line),
          modified: (r: L, ctx: NavContext) => modifyLine(ctx, r.header, r.line),
          remove: (r: L, ctx: NavContext) => deleteLine(ctx, r.header, r.line),
        }
      : {}),
  });
}
