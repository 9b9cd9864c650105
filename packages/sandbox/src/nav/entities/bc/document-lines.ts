// BC API v2.0 document lines (salesOrderLines, salesInvoiceLines, purchaseInvoiceLines): item or
// account lines with amounts computed from the header; a posted document's lines are read-only.
import { lineAmountsIn } from '../../amounts.js';
import type { NavContext } from '../../context.js';
import { ZERO } from '../../decimal.js';
import { errors } from '../../errors.js';
import { codeGuid } from '../../ids.js';
import { defineEntity, field, type AnyEntityDef, type FieldDef } from '../../odata/edm.js';
import type { LineType } from '../../state.js';
import { snapshotLine, type LineRef } from '../lines.js';
import { deleteLine, insertLine, modifyLine, setLineNo } from '../ops.js';
import { EMPTY_GUID, num, str } from '../wire.js';
import { enumField } from './common.js';
import { postedGuard, type AnyDoc } from './document-fields.js';

const LINE_TYPE_IN: Record<string, LineType> = { Comment: '', Account: 'G/L Account', Item: 'Item' };
const lineTypeOut = (t: LineType) => (t === '' ? 'Comment' : t === 'G/L Account' ? 'Account' : 'Item');

export function lineDef<H extends AnyDoc>(
  typeName: string,
  setName: string,
  side: 'sales' | 'purchase',
  extra: FieldDef<LineRef<H>>[],
): AnyEntityDef {
  type L = LineRef<H>;
  const amounts = (r: L, ctx: NavContext) => lineAmountsIn(ctx.state, r.header, r.line);
  return defineEntity<L>({
    typeName,
    setName,
    caption: side === 'sales' ? 'Sales Line' : 'Purchase Line',
    keys: ['id'],
    fields: [
      field<L>('id', 'Edm.Guid', (r) => r.line.id, undefined, { nullable: false }),
      field<L>('documentId', 'Edm.Guid', (r) => r.header.id),
      field<L>(
        'sequence',
        'Edm.Int32',
        (r) => r.line.lineNo,
        (r, v) => (r.line.lineNo = Number(v)),
      ),
      field<L>(
        'itemId',
        'Edm.Guid',
        (r, ctx) => (r.line.type === 'Item' ? (ctx.state.item(r.line.no)?.id ?? EMPTY_GUID) : EMPTY_GUID),
        (r, v, ctx) => {
          const item = ctx.state.items.find((i) => i.id === str(v));
          if (!item) throw errors.recordNotFound('Item', `Id='${str(v)}'`);
          r.line.type = 'Item';
          setLineNo(ctx, r.line, item.no, side);
        },
      ),
      field<L>(
        'accountId',
        'Edm.Guid',
        (r, ctx) =>
          r.line.type === 'G/L Account' ? (ctx.state.account(r.line.no)?.id ?? EMPTY_GUID) : EMPTY_GUID,
        (r, v, ctx) => {
          const acc = ctx.state.accounts.find((a) => a.id === str(v));
          if (!acc) throw errors.recordNotFound('G/L Account', `Id='${str(v)}'`);
          r.line.type = 'G/L Account';
          setLineNo(ctx, r.line, acc.no, side);
        },
      ),
      enumField<L>(
        'lineType',
        'invoiceLineAggLineType',
        (r) => lineTypeOut(r.line.type),
        (r, v) => {
          const t = LINE_TYPE_IN[v];
          if (t === undefined)
            throw errors.notImplemented(`Line type '${v}' is not supported by the sandbox.`);
          r.line.type = t;
        },
      ),
      field<L>(
        'lineObjectNumber',
        'Edm.String',
        (r) => r.line.no,
        (r, v, ctx) => setLineNo(ctx, r.line, str(v), side),
      ),
      field<L>(
        'description',
        'Edm.String',
        (r) => r.line.description,
        (r, v) => (r.line.description = str(v)),
        { maxLength: 100 },
      ),
      field<L>('description2', 'Edm.String', () => ''),
      field<L>('unitOfMeasureId', 'Edm.Guid', (r) =>
        r.line.unitOfMeasure ? codeGuid('unitOfMeasure', r.line.unitOfMeasure) : EMPTY_GUID,
      ),
      field<L>(
        'unitOfMeasureCode',
        'Edm.String',
        (r) => r.line.unitOfMeasure,
        (r, v) => (r.line.unitOfMeasure = str(v)),
      ),
      ...(side === 'purchase'
        ? [
            field<L>(
              'unitCost',
              'Edm.Decimal',
              (r) => r.line.unitPrice,
              (r, v) => (r.line.unitPrice = num(v)),
            ),
          ]
        : []),
      field<L>(
        'quantity',
        'Edm.Decimal',
        (r) => r.line.quantity,
        (r, v) => (r.line.quantity = num(v)),
      ),
      ...(side === 'sales'
        ? [
            field<L>(
              'unitPrice',
              'Edm.Decimal',
              (r) => r.line.unitPrice,
              (r, v) => (r.line.unitPrice = num(v)),
            ),
          ]
        : []),
      field<L>('discountAmount', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).discountAmount),
      field<L>(
        'discountPercent',
        'Edm.Decimal',
        (r) => r.line.discountPercent,
        (r, v) => (r.line.discountPercent = num(v)),
      ),
      field<L>('discountAppliedBeforeTax', 'Edm.Boolean', () => false),
      field<L>('amountExcludingTax', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).amount),
      field<L>(
        'taxCode',
        'Edm.String',
        (r) => r.line.vatGroup,
        (r, v, ctx) => {
          if (str(v) && !ctx.state.taxRate(str(v)))
            throw errors.recordNotFound('VAT Product Posting Group', `Code='${str(v)}'`);
          r.line.vatGroup = str(v);
        },
      ),
      field<L>('taxPercent', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).vatPercent),
      field<L>('totalTaxAmount', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).vatAmount),
      field<L>('amountIncludingTax', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).amountIncludingVat),
      field<L>('invoiceDiscountAllocation', 'Edm.Decimal', () => ZERO),
      field<L>('netAmount', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).amount),
      field<L>('netTaxAmount', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).vatAmount),
      field<L>('netAmountIncludingTax', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).amountIncludingVat),
      ...extra,
      field<L>('itemVariantId', 'Edm.Guid', () => EMPTY_GUID),
      field<L>('locationId', 'Edm.Guid', () => EMPTY_GUID),
    ],
    identity: (r) => r.line,
    snapshot: snapshotLine,
    insert: (r, ctx) => {
      postedGuard(r.header);
      insertLine(ctx, r.header, r.line);
    },
    modified: (r, ctx) => {
      postedGuard(r.header);
      modifyLine(ctx, r.header, r.line);
    },
    remove: (r, ctx) => {
      postedGuard(r.header);
      deleteLine(ctx, r.header, r.line);
    },
  });
}
