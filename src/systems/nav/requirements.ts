// What the start-up check requires of the published services: every service and field the
// connector reads or writes for the entities and payments in use (posting actions included), and
// the id fields it writes our id into.
import type { MasterEntity, NavContext } from './context.js';
import { bcFields } from './mapper-bc.js';
import { navFields } from './mapper-nav.js';
import type { ServiceRequirement } from './metadata.js';
import type { PaymentDirection } from './options.js';
import { PAYMENT_SIDES } from './payment-sides.js';
import { sourcesFor } from './sources.js';

/** Appended to the start-up check's message when what vendor payments need is missing. */
const VENDOR_PAYMENTS_HINT =
  "vendor payments (MADE) need these: publish them, or pass payments: ['RECEIVED'] to leave vendor payments out";

export function requirements(cx: NavContext): ServiceRequirement[] {
  const reqs: ServiceRequirement[] = [];
  // NAV publishes dimension values on a page of their own, read beside the dimensions.
  if (cx.options.dialect === 'nav-odata-v4')
    reqs.push({
      purpose: 'dimension',
      service: cx.serviceName('dimensionValue'),
      fields: navFields.dimensionValue,
    });
  // BC lines are written with the item's id; every other written field is also read.
  const lineWriteOnly = cx.options.dialect === 'bc-api-v2' ? ['itemId'] : [];
  for (const entity of cx.readable) {
    for (const s of sourcesFor(entity, cx.source)) {
      const posts = s.key === 'salesInvoice' || s.key === 'purchaseInvoice';
      reqs.push({
        purpose: s.purpose ?? entity,
        service: s.service,
        fields: s.select,
        lines: s.lines
          ? {
              navigation: s.lines.navigation,
              fields: cx.writable.includes(entity) ? [...s.lines.select, ...lineWriteOnly] : s.lines.select,
            }
          : undefined,
        action: posts && cx.postAction ? cx.postAction : undefined,
        hint: s.key === 'vendLedgerEntry' ? VENDOR_PAYMENTS_HINT : undefined,
      });
    }
  }
  // Payments are written as journal lines: only the journals of the kinds in use are required.
  const paymentPurpose = (d: PaymentDirection) => (d === 'RECEIVED' ? 'payment' : 'vendor payment');
  const paymentHint = (d: PaymentDirection) => (d === 'MADE' ? VENDOR_PAYMENTS_HINT : undefined);
  if (cx.options.dialect === 'nav-odata-v4') {
    for (const d of cx.payments) {
      reqs.push({
        purpose: paymentPurpose(d),
        service: cx.serviceName(PAYMENT_SIDES[d].journal),
        fields: [...navFields.journal, ...navFields.journalWrite],
        action: cx.postAction ?? undefined,
        hint: paymentHint(d),
      });
    }
  } else {
    for (const d of cx.payments) {
      reqs.push({
        purpose: paymentPurpose(d),
        service: cx.serviceName(PAYMENT_SIDES[d].bcJournal),
        fields: ['id', 'code'],
        lines: {
          navigation: PAYMENT_SIDES[d].bcLines,
          fields: d === 'RECEIVED' ? bcFields.customerPayment : bcFields.vendorPayment,
        },
        hint: paymentHint(d),
      });
    }
  }
  // Both dialects: BC's standard API pages cannot be extended, so there it names the missing field.
  for (const [entity, field] of Object.entries(cx.options.masterDataIdField ?? {})) {
    const key = entity as MasterEntity;
    reqs.push({ purpose: `${key} id field`, service: cx.serviceName(key), fields: [field] });
  }
  return reqs;
}
