// Where each kind of payment lives, shared by the start-up check, the reads that name a payment's
// invoice and the journal writes: the NAV ledger and journal, the BC journal set and its lines.
import { VENDOR_PAYMENT_PREFIX } from './mapper-nav.js';
import type { PaymentDirection } from './options.js';
import type { ServiceKey } from './services.js';

/** Where each kind of payment lives: NAV ledger and journal, BC journal set and its lines. */
export const PAYMENT_SIDES = {
  RECEIVED: {
    party: 'customer',
    ledger: 'custLedgerEntry',
    journal: 'cashReceiptJournal',
    idPrefix: '',
    bcJournal: 'customerPaymentJournal',
    bcLines: 'customerPayments',
  },
  MADE: {
    party: 'vendor',
    ledger: 'vendLedgerEntry',
    journal: 'paymentJournal',
    idPrefix: VENDOR_PAYMENT_PREFIX,
    bcJournal: 'vendorPaymentJournal',
    bcLines: 'vendorPayments',
  },
} as const satisfies Record<
  PaymentDirection,
  {
    party: string;
    ledger: ServiceKey;
    journal: ServiceKey;
    idPrefix: string;
    bcJournal: ServiceKey;
    bcLines: string;
  }
>;

/** The application fields a posted payment is found by (and its document No. read from). */
export const PAYMENT_ENTRY_SELECT = ['Entry_No', 'Document_Type', 'Document_No', 'Closed_by_Entry_No'];
