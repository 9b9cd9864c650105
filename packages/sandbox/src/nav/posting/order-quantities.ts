// What an order line has shipped, invoiced and still owes, and what the next posting takes: NAV
// posts an order in parts ("Qty. to Ship"), keeps it while anything is outstanding and deletes it
// once every line is fully invoiced.
import { ZERO, type Decimal } from '../decimal.js';
import { errors } from '../errors.js';
import type { DocLine } from '../state.js';

export const shippedOf = (l: DocLine): Decimal => l.quantityShipped ?? ZERO;
export const invoicedOf = (l: DocLine): Decimal => l.quantityInvoiced ?? ZERO;
export const outstandingOf = (l: DocLine): Decimal => l.quantity.minus(shippedOf(l));

/** Qty. to Ship (and to Invoice): what the user set, else everything outstanding. */
export const toShipOf = (l: DocLine): Decimal => l.qtyToShip ?? outstandingOf(l);

/** Sets Qty. to Ship, refusing more than is outstanding (NAV's own check). */
export function setToShip(l: DocLine, qty: Decimal): void {
  if (qty.isNegative() || qty.greaterThan(outstandingOf(l)))
    throw errors.fieldValidation(`You cannot ship more than ${outstandingOf(l).toString()} units.`);
  l.qtyToShip = qty;
}

/**
 * The lines as this posting invoices them: each line's quantity is its Qty. to Ship; a line with
 * nothing to ship now is left out of the posted invoice, as NAV does.
 */
export function linesToPost(lines: DocLine[]): DocLine[] {
  return lines
    .map((l) => ({ ...l, quantity: l.type === '' ? l.quantity : toShipOf(l) }))
    .filter((l) => l.type === '' || !l.quantity.isZero());
}

/** After posting: shipped and invoiced grow by what was posted; Qty. to Ship resets. */
export function recordShipped(lines: DocLine[]): void {
  for (const l of lines) {
    if (l.type === '') continue;
    const posted = toShipOf(l);
    l.quantityShipped = shippedOf(l).plus(posted);
    l.quantityInvoiced = invoicedOf(l).plus(posted);
    delete l.qtyToShip;
  }
}

export const fullyInvoiced = (lines: DocLine[]): boolean =>
  lines.every((l) => l.type === '' || invoicedOf(l).greaterThanOrEqualTo(l.quantity));
