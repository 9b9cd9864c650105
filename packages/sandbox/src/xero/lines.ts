// Resolving the references a document line makes (item, account, tax rate, tracking) and computing
// its money with Xero's rounding. Shared by invoices and credit notes.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { invalid, type Input } from './batch.js';
import { arr, dec, isGuid, str } from './input.js';
import type { LineAmountTypes, LineRec, LineTrackingRec, TaxRateRec, TenantState, Totals } from './state.js';
import { computeLine, documentTotals, type LineMoney } from './totals.js';

export type Side = 'SALES' | 'PURCHASES';

export function taxRateFor(t: TenantState, taxType: string, side: Side): TaxRateRec {
  const rate = t.taxRates.get(taxType);
  const usable =
    rate && rate.Status === 'ACTIVE' && (side === 'SALES' ? rate.CanApplyToRevenue : rate.CanApplyToExpenses);
  if (!rate || !usable) {
    return invalid(
      `The TaxType code '${taxType}' does not exist or cannot be used with this type of transaction.`,
    );
  }
  return rate;
}

export function resolveTracking(t: TenantState, input: Input[] | undefined): LineTrackingRec[] {
  if (!input || input.length === 0) return [];
  if (input.length > 2) invalid('A line can have at most two tracking categories.');
  return input.map((tr) => {
    const catId = str(tr, 'TrackingCategoryID');
    const name = str(tr, 'Name');
    const category = [...t.tracking.values()].find(
      (c) =>
        c.Status === 'ACTIVE' &&
        ((catId && c.TrackingCategoryID === catId.toLowerCase()) ||
          (!catId && name !== undefined && c.Name.toLowerCase() === name.toLowerCase())),
    );
    if (!category)
      return invalid(`Tracking category '${catId ?? name ?? ''}' does not exist or is archived.`);
    const optId = str(tr, 'TrackingOptionID');
    const optName = str(tr, 'Option');
    const option = category.Options.find(
      (o) =>
        o.Status === 'ACTIVE' &&
        ((optId && o.TrackingOptionID === optId.toLowerCase()) ||
          (!optId && optName !== undefined && o.Name.toLowerCase() === optName.toLowerCase())),
    );
    if (!option)
      return invalid(
        `The TrackingOption '${optId ?? optName ?? ''}' does not exist for tracking category '${category.Name}'.`,
      );
    return {
      TrackingCategoryID: category.TrackingCategoryID,
      TrackingOptionID: option.TrackingOptionID,
      Name: category.Name,
      Option: option.Name,
    };
  });
}

export interface BuiltLines {
  lines: LineRec[];
  totals: Totals;
}

/**
 * Builds document lines from the request. `requireAccounts` is set for documents past DRAFT, which
 * Xero only accepts with an account on every line.
 */
export function buildLines(
  t: TenantState,
  input: Input[],
  types: LineAmountTypes,
  side: Side,
  unitdp: 2 | 4,
  requireAccounts: boolean,
  previous: LineRec[] = [],
): BuiltLines {
  const lines: LineRec[] = [];
  const money: LineMoney[] = [];
  for (const l of input) {
    const itemCode = str(l, 'ItemCode');
    const item = itemCode !== undefined ? t.itemByCode(itemCode) : undefined;
    if (itemCode !== undefined && !item) invalid(`Item code '${itemCode}' is not valid.`);
    const details = item ? (side === 'SALES' ? item.SalesDetails : item.PurchaseDetails) : undefined;

    let quantity = dec(l, 'Quantity');
    let unitAmount = dec(l, 'UnitAmount') ?? details?.UnitPrice;
    const sentLineAmount = dec(l, 'LineAmount');
    const discountRate = dec(l, 'DiscountRate');
    const discountAmount = dec(l, 'DiscountAmount');
    // A line given only as a LineAmount is one unit of that amount.
    if (unitAmount === undefined && sentLineAmount !== undefined) {
      unitAmount = sentLineAmount;
      quantity ??= new Decimal(1);
    }
    quantity ??= new Decimal(1);
    unitAmount = (unitAmount ?? new Decimal(0)).toDecimalPlaces(unitdp, Decimal.ROUND_HALF_UP);
    quantity = quantity.toDecimalPlaces(4, Decimal.ROUND_HALF_UP);

    const description =
      str(l, 'Description') ??
      (item
        ? side === 'SALES'
          ? item.Description
          : (item.PurchaseDescription ?? item.Description)
        : undefined);
    if (!description && !item) invalid('Description must be specified for every line item.');

    let accountCode = str(l, 'AccountCode') ?? details?.AccountCode;
    const accountId = str(l, 'AccountID');
    if (accountCode === undefined && accountId !== undefined) {
      const acc = isGuid(accountId) ? t.accounts.get(accountId.toLowerCase()) : undefined;
      if (!acc) invalid(`Account ID '${accountId}' is not a valid account for this document.`);
      accountCode = acc.Code;
    }
    const account = accountCode !== undefined ? t.accountByCode(accountCode) : undefined;
    if (accountCode !== undefined && (!account || account.Status !== 'ACTIVE' || account.Type === 'BANK')) {
      invalid(`Account code '${accountCode}' is not a valid code for this document.`);
    }
    if (requireAccounts && !account)
      invalid('Account code must be specified for every line item of an approved document.');

    let taxType = str(l, 'TaxType') ?? details?.TaxType ?? account?.TaxType;
    if (types === 'NoTax') taxType = 'NONE';
    taxType ??= 'NONE';
    const rate = taxType === 'NONE' ? undefined : taxRateFor(t, taxType, side);

    const lm = computeLine(
      {
        quantity,
        unitAmount,
        discountRate,
        discountAmount,
        taxRatePercent: rate?.Rate ?? new Decimal(0),
        taxAmountOverride: dec(l, 'TaxAmount'),
      },
      types,
    );
    if (sentLineAmount !== undefined && !sentLineAmount.equals(lm.lineAmount)) {
      invalid(
        `The line total ${sentLineAmount.toFixed(2)} does not match the expected line total ${lm.lineAmount.toFixed(2)}.`,
      );
    }
    const sentId = str(l, 'LineItemID')?.toLowerCase();
    const kept = sentId ? previous.find((p) => p.LineItemID === sentId) : undefined;
    const rec: LineRec = {
      LineItemID: kept?.LineItemID ?? randomUUID(),
      Quantity: quantity,
      UnitAmount: unitAmount,
      TaxType: taxType,
      TaxAmount: lm.taxAmount,
      LineAmount: lm.lineAmount,
      Tracking: resolveTracking(t, arr(l, 'Tracking')),
    };
    if (description !== undefined) rec.Description = description;
    if (item) rec.ItemCode = item.Code;
    if (account) {
      rec.AccountCode = account.Code;
      rec.AccountID = account.AccountID;
    }
    if (discountRate && !discountRate.isZero()) rec.DiscountRate = discountRate;
    if (discountAmount && !discountAmount.isZero()) rec.DiscountAmount = discountAmount;
    lines.push(rec);
    money.push(lm);
  }
  return { lines, totals: documentTotals(money, types) };
}

/** Recomputes totals for stored lines (e.g. after a LineAmountTypes change without new lines). */
export function totalsOf(lines: LineRec[], types: LineAmountTypes): Totals {
  return documentTotals(
    lines.map((l) => ({ lineAmount: l.LineAmount, taxAmount: l.TaxAmount, discount: new Decimal(0) })),
    types,
  );
}
