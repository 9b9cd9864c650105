// Invariant 2 for documents and money, with real processes: a sync worker process killed (SIGKILL)
// at any step of pushing an invoice, and then at the same step of pushing its payment, leaves
// exactly one invoice and one payment in each target once a new worker has taken over after the
// lease: every job SUCCEEDED, every link recorded, and in NAV one posted invoice (never a second
// posting) with the payment applied once (the customer's balance right to the cent).
//
// Each case runs three processes over one database: the first pushes the invoice's customer where
// it is new and dies at the step on the invoice; the second takes the invoice over once the lease
// has run out and dies at the same step on the payment; the third finishes. The steps are reached
// as in worker-crash.test.ts — the workers' pause hook (claimed / linking / settling, narrowed to
// the invoice or the payment) or a proxy holding the upstream call (in flight / committed with its
// answer unread) — and for NAV also at its second call, the posting. The invoice's customer is new
// in some cases (its job goes first) and already linked in both books in the others. A retry finds
// what the dead worker wrote by its key: Xero the invoice by its InvoiceNumber and the payment by
// invoice, amount, date and reference (never one linked to another payment: the last case pays an
// equal instalment twice); NAV the invoice (draft or posted) by External Document No. and the
// payment (journal line or posted entry) by the idempotency key it carries there.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Customer } from '../../src/domain/index.js';
import { Decimal } from '../../src/domain/money.js';
import type { Database } from '../../src/store/database.js';
import { SyncLinks } from '../../src/store/sync-links.js';
import { createSyncServices, type RunningSyncServices } from '../../src/sync/services.js';
import type { TestPauseStep } from '../../src/sync/runtime/test-pause.js';
import { killWhenStopped, pauseEnv, useCrashSuite, type System } from '../support/crash-systems.js';
import type { HoldRule } from '../support/holding-proxy.js';
import { sharedStoreKinds, startWorkerProcess, type WorkerProcess } from '../support/worker-processes.js';

const kinds = await sharedStoreKinds();
/** The dying workers' lease: how soon their jobs may be taken over. */
const LEASE_MS = 1_000;

type Pushed = 'INVOICE' | 'PAYMENT';
type Call = Omit<HoldRule, 'phase'>;

/** The upstream calls that write each record: the write itself, and NAV's posting of it. */
const calls: Record<Pushed, Record<System, { write: Call; post?: Call }>> = {
  INVOICE: {
    XERO: { write: { method: 'POST', path: /\/Invoices(\?|$)/ } },
    NAV: {
      write: { method: 'POST', path: /\/SalesInvoice(\?|$)/ },
      post: { method: 'POST', path: /\/SalesInvoice\(.*\)\/NAV\.Post$/ },
    },
  },
  PAYMENT: {
    XERO: { write: { method: 'PUT', path: /\/Payments(\?|$)/ } },
    NAV: {
      write: { method: 'POST', path: /\/CashReceiptJournal(\?|$)/ },
      post: { method: 'POST', path: /\/CashReceiptJournal\(.*\)\/NAV\.Post$/ },
    },
  },
};

interface Step {
  name: string;
  systems: System[];
  /**
   * The invoice's customer: new to the targets (its job goes first, pushed by the worker before
   * it dies on the invoice), or already in both books and linked.
   */
  customer: 'new' | 'linked';
  /** Stopped by the pause hook. */
  pause?: TestPauseStep;
  /** Stopped by holding this call of each record at the proxies. */
  hold?: { call: 'write' | 'post'; phase: 'request' | 'response' };
}

const both: System[] = ['XERO', 'NAV'];
// One push at a time stops in a transaction (PGlite has one connection): those steps run per system.
const steps: Step[] = [
  { name: '(a) after claiming, before any upstream call', systems: both, customer: 'new', pause: 'claimed' },
  {
    name: '(b) while the write is in flight',
    systems: both,
    customer: 'linked',
    hold: { call: 'write', phase: 'request' },
  },
  {
    name: '(c) after the write committed, before its answer is read',
    systems: both,
    customer: 'new',
    hold: { call: 'write', phase: 'response' },
  },
  {
    name: '(b) while NAV’s posting is in flight',
    systems: ['NAV'],
    customer: 'linked',
    hold: { call: 'post', phase: 'request' },
  },
  {
    name: '(c) after NAV posted, before its answer is read',
    systems: ['NAV'],
    customer: 'new',
    hold: { call: 'post', phase: 'response' },
  },
  ...(['XERO', 'NAV'] as const).flatMap((system): Step[] => [
    {
      name: `(d) after ${system} answered, before the link commits`,
      systems: [system],
      customer: system === 'XERO' ? 'linked' : 'new',
      pause: 'linking',
    },
    {
      name: `(e) after the ${system} link commits, before the job settles`,
      systems: [system],
      customer: system === 'XERO' ? 'new' : 'linked',
      pause: 'settling',
    },
  ]),
];

/** Two lines (NAV adds them one by one after the header): 3 × 19.99 + 7.50 = 67.47 net. */
const lines = [
  { accountCode: '6110', description: 'Widgets', quantity: '3', unitPrice: '19.99', taxCode: 'VAT20' },
  { accountCode: '6410', description: 'Delivery', quantity: '1', unitPrice: '7.50', taxCode: 'VAT20' },
].map((l) => ({ ...l, quantity: new Decimal(l.quantity), unitPrice: new Decimal(l.unitPrice) }));
/** Part of the invoice is paid: a second payment would show in what is still due. */
const paid = new Decimal('30.96');

interface NavPostedInvoice {
  No: string;
  External_Document_No: string;
  Amount_Including_VAT: number;
  Remaining_Amount: number;
}
interface NavLedgerEntry {
  Entry_No: number;
  Document_Type: string;
  External_Document_No: string;
  Amount: number;
}

describe.each(kinds)('a sync worker process killed mid-write of an invoice and its payment (%s)', (kind) => {
  const suite = useCrashSuite(
    kind,
    { customers: 2, vendors: 1, items: 1, salesInvoices: 1, purchaseInvoices: 1, salesOrders: 0 },
    LEASE_MS,
  );

  const xeroTenant = () => suite.sandboxes.xero.sandbox.tenant(suite.sandboxes.tenantId)!;

  /** A customer in NAV and in Xero, keyed in by hand, and linked as a sync of both would leave it. */
  const linkedCustomer = async (db: Database, services: RunningSyncServices, no: string, name: string) => {
    await suite.sandboxes.navPost('Customer', { No: no, Name: name });
    const { Contacts } = await suite.sandboxes.xeroCall<{ Contacts: { ContactID: string }[] }>(
      'POST',
      '/Contacts',
      { Contacts: [{ Name: name, ContactNumber: no, EmailAddress: `${no}@crash.example` }] },
    );
    const created = await services.changes.upsertCustomer(
      null,
      { number: no, name, currency: 'GBP', status: 'ACTIVE', email: `${no}@crash.example` },
      { targets: [] },
    );
    expect(created.userErrors).toEqual([]);
    const record = created.record!;
    const links = new SyncLinks(db.prisma);
    const remote = (externalId: string) => ({
      externalId,
      externalNumber: no,
      version: null,
      remoteUpdatedAt: null,
    });
    await db.transaction(async (tx) => {
      const key = { entityType: 'CUSTOMER' as const, entityId: record.id };
      await links.linkRemote(
        { ...key, system: 'NAV', tenant: suite.sandboxes.nav.companyName },
        remote(no),
        '',
        tx,
      );
      await links.linkRemote(
        { ...key, system: 'XERO', tenant: suite.sandboxes.tenantId },
        remote(Contacts[0]!.ContactID),
        '',
        tx,
      );
    });
    return record;
  };

  const servicesOn = (db: Database) =>
    createSyncServices(db, {
      lookups: suite.lookups,
      targets: { XERO: suite.sandboxes.tenantId, NAV: suite.sandboxes.nav.companyName },
    });

  interface Made {
    customer: Customer;
    number: string;
    invoiceId: string;
    paymentIds: string[];
  }

  /** A part payment of the invoice, as recordPayment accepts it (always the same money). */
  const pay = async (db: Database, made: Made, systems: System[]) => {
    const services = servicesOn(db);
    try {
      const payment = await services.documentChanges.recordPayment(
        {
          documentId: made.invoiceId,
          amount: paid,
          paymentDate: '2026-11-26',
          accountCode: '2910',
          reference: `BACS ${made.number}`,
        },
        { targets: systems },
      );
      expect(payment.userErrors).toEqual([]);
      made.paymentIds.push(payment.record!.id);
    } finally {
      await services.close();
    }
  };

  /** The customer (new: only in the mirror so far), its invoice and a payment, as mutations accept them. */
  const enqueue = async (db: Database, step: Step, n: number): Promise<Made> => {
    const services = servicesOn(db);
    let made: Made;
    try {
      const no = `CD${n}`;
      const name = `Crash documents ${kind} ${n}`;
      let customer: Customer;
      if (step.customer === 'linked') customer = await linkedCustomer(db, services, no, name);
      else {
        const created = await services.changes.upsertCustomer(
          null,
          { number: no, name, currency: 'GBP', status: 'ACTIVE', email: `${no}@crash.example` },
          { targets: [] },
        );
        expect(created.userErrors).toEqual([]);
        customer = created.record!;
      }
      const number = `CI-${n}`;
      const invoice = await services.documentChanges.create(
        'invoice',
        { number, partyId: customer.id, issueDate: '2026-11-20', dueDate: '2026-12-20', lines },
        { targets: step.systems },
      );
      expect(invoice.userErrors).toEqual([]);
      made = { customer, number, invoiceId: invoice.record!.id, paymentIds: [] };
    } finally {
      await services.close();
    }
    await pay(db, made, step.systems);
    return made;
  };

  /** Arms the proxies to hold the step's call of `record` in each system that makes it. */
  const holdsFor = (step: Step, record: Pushed) => {
    const hold = step.hold;
    if (!hold) return [];
    return step.systems.flatMap((system) => {
      const call = calls[record][system][hold.call];
      const proxy = system === 'XERO' ? suite.sandboxes.xeroProxy : suite.sandboxes.navProxy;
      return call ? [proxy.hold({ ...call, phase: hold.phase })] : [];
    });
  };

  /**
   * What both books and the mirror hold once the workers are done: every job succeeded; one
   * invoice in each target (NAV: posted once, no draft left), linked; each payment there once,
   * linked to it alone; what is still due right to the cent.
   */
  const expectBooks = async (db: Database, made: Made, step: Step, said: string) => {
    // A job that did not succeed shows its last error, and what the workers said.
    const jobs = await db.prisma.syncJob.findMany({ orderBy: { seq: 'asc' } });
    expect(
      jobs
        .filter((j) => j.status !== 'SUCCEEDED')
        .map((j) => [j.entityType, j.system, j.status, j.lastError]),
      said,
    ).toEqual([]);
    const targets = [...step.systems].sort();
    const pushed = (entityType: string) =>
      jobs
        .filter((j) => j.entityType === entityType)
        .map((j) => j.system)
        .sort();
    expect(pushed('CUSTOMER')).toEqual(step.customer === 'new' ? targets : []);
    expect(pushed('INVOICE')).toEqual(targets);
    expect(pushed('PAYMENT')).toEqual(made.paymentIds.flatMap(() => targets).sort());

    const invoice = await db.prisma.invoice.findUniqueOrThrow({ where: { id: made.invoiceId } });
    const payments = await db.prisma.payment.findMany({ where: { id: { in: made.paymentIds } } });
    expect([invoice, ...payments].map((r) => r.syncStatus)).toEqual(
      [invoice, ...payments].map(() => 'SYNCED'),
    );
    const total = new Decimal(invoice.total.toString());
    const due = total.minus(paid.times(made.paymentIds.length)).toFixed(2);
    const links = await db.prisma.externalLink.findMany({
      where: { entityId: { in: [made.invoiceId, ...made.paymentIds] } },
    });
    const linkOf = (entityId: string, system: System) => {
      const found = links.filter((l) => l.entityId === entityId && l.system === system);
      expect(found, `links of ${entityId} in ${system}`).toHaveLength(1);
      return found[0]!.externalId;
    };
    const keyOf = (paymentId: string, system: System) =>
      jobs.find((j) => j.entityId === paymentId && j.system === system)!.idempotencyKey;

    for (const system of step.systems) {
      const invoiceLink = linkOf(made.invoiceId, system);
      const paymentLinks = made.paymentIds.map((id) => linkOf(id, system));
      if (system === 'XERO') {
        const tenant = xeroTenant();
        const invoices = [...tenant.invoices.values()].filter((i) => i.InvoiceNumber === made.number);
        expect(invoices, `Xero invoices numbered ${made.number}`).toHaveLength(1);
        const xeroInvoice = invoices[0]!;
        expect(xeroInvoice.Type).toBe('ACCREC');
        expect(invoiceLink.toLowerCase()).toBe(xeroInvoice.InvoiceID.toLowerCase());
        // Each payment once, each linked to its own.
        const xeroPayments = [...tenant.payments.values()].filter(
          (p) => p.InvoiceID === xeroInvoice.InvoiceID,
        );
        expect(
          xeroPayments.map((p) => [p.Amount.toFixed(2), p.Status]),
          `Xero payments on ${made.number}`,
        ).toEqual(made.paymentIds.map(() => [paid.toFixed(2), 'AUTHORISED']));
        expect(paymentLinks.map((l) => l.toLowerCase()).sort()).toEqual(
          xeroPayments.map((p) => p.PaymentID.toLowerCase()).sort(),
        );
        expect([xeroInvoice.Total.toFixed(2), xeroInvoice.AmountDue.toFixed(2)]).toEqual([
          total.toFixed(2),
          due,
        ]);
        const contacts = [...tenant.contacts.values()].filter((c) => c.Name === made.customer.name);
        expect(contacts, `Xero contacts named ${made.customer.name}`).toHaveLength(1);
      } else {
        const posted = await suite.sandboxes.navRows<NavPostedInvoice>(
          'PostedSalesInvoices',
          `External_Document_No eq '${made.number}'`,
        );
        expect(posted, `NAV posted invoices for ${made.number}`).toHaveLength(1);
        const drafts = await suite.sandboxes.navRows(
          'SalesInvoice',
          `External_Document_No eq '${made.number}'`,
        );
        expect(drafts, `NAV unposted invoices for ${made.number}`).toEqual([]);
        expect(invoiceLink).toBe(posted[0]!.No);
        expect(
          [posted[0]!.Amount_Including_VAT, posted[0]!.Remaining_Amount].map((a) =>
            new Decimal(a).toFixed(2),
          ),
        ).toEqual([total.toFixed(2), due]);
        // On the customer's ledger: the invoice once, and each payment once, carrying its key.
        const no = made.customer.number!;
        const entries = await suite.sandboxes.navRows<NavLedgerEntry>(
          'CustLedgerEntries',
          `Customer_No eq '${no}'`,
        );
        expect(entries.filter((e) => e.Document_Type === 'Invoice')).toHaveLength(1);
        const received = entries.filter((e) => e.Document_Type === 'Payment');
        expect(
          received
            .map((e) => [e.External_Document_No, new Decimal(e.Amount).toFixed(2), String(e.Entry_No)])
            .sort(),
        ).toEqual(
          made.paymentIds.map((id, i) => [keyOf(id, 'NAV'), paid.neg().toFixed(2), paymentLinks[i]]).sort(),
        );
        // Nothing of ours is left waiting in the journal, and the balance is what is still due.
        for (const id of made.paymentIds)
          expect(
            await suite.sandboxes.navRows(
              'CashReceiptJournal',
              `External_Document_No eq '${keyOf(id, 'NAV')}'`,
            ),
          ).toEqual([]);
        const customers = await suite.sandboxes.navRows<{ No: string; Balance_LCY: number }>(
          'Customer',
          `Name eq '${made.customer.name}'`,
        );
        expect(customers.map((c) => [c.No, new Decimal(c.Balance_LCY).toFixed(2)])).toEqual([[no, due]]);
      }
    }
  };

  it.each(steps.map((s, i) => [s.name, s, i + 1] as const))(
    'killed %s, on the invoice and then on its payment: one of each in the target, applied once',
    async (_name, step, n) => {
      const store = await suite.stores.create();
      const workerEnv = (extra: Record<string, string>) =>
        suite.sandboxes.workerEnv(store, step.systems, extra);
      const markers = {
        INVOICE: path.join(suite.tmp, `${n}-invoice.pause`),
        PAYMENT: path.join(suite.tmp, `${n}-payment.pause`),
      };
      const stopAt = (record: Pushed) => (step.pause ? pauseEnv(step.pause, markers[record], [record]) : {});
      const dies = async (worker: WorkerProcess, record: Pushed, holds: Promise<void>[]) => {
        await killWhenStopped(worker, { marker: step.pause && markers[record], holds });
        expect((await worker.exited).signal).toBe('SIGKILL');
        // What the dead worker sent is now older than Xero's idempotency window: a retry must find
        // it by looking, not by replaying a key.
        suite.sandboxes.xero.sandbox.idempotency.clear();
      };
      try {
        // The three workers load meanwhile, and each starts when told to.
        const first = startWorkerProcess(workerEnv({ LB_WORKER_WAIT_FOR_GO: '1', ...stopAt('INVOICE') }));
        const successor = startWorkerProcess(workerEnv({ LB_WORKER_WAIT_FOR_GO: '1', ...stopAt('PAYMENT') }));
        const finisher = startWorkerProcess(
          workerEnv({ LB_WORKER_WAIT_FOR_GO: '1', LB_WORKER_EXIT_WHEN_IDLE: '1' }),
        );
        const made = await store.use((db) => enqueue(db, step, n));

        // 1. The first worker dies at the step on the invoice (its customer, when new, went first).
        const invoiceHolds = holdsFor(step, 'INVOICE');
        first.go();
        await dies(first, 'INVOICE', invoiceHolds);

        // 2. Its successor takes the invoice over after the lease, then dies at the step on the payment.
        const paymentHolds = holdsFor(step, 'PAYMENT');
        successor.go();
        await dies(successor, 'PAYMENT', paymentHolds);

        // 3. A third worker takes the payment over and finishes.
        finisher.go();
        await finisher.succeeded();

        const said = [first, successor, finisher].map((w, i) => `worker ${i + 1}:\n${w.output()}`).join('\n');
        await store.use((db) => expectBooks(db, made, step, said));
      } finally {
        await store.dispose();
      }
    },
    120_000,
  );

  it('killed after the target committed a payment equal to one it holds already: found again as itself', async () => {
    // Two instalments of the same amount on the same day with the same reference: the second,
    // whose answer was lost, must be found again as itself — not taken for the first, which is
    // linked already (the first one's link would be stolen, the second left in the books unlinked).
    const step: Step = {
      name: 'second instalment',
      systems: both,
      customer: 'linked',
      hold: { call: 'write', phase: 'response' },
    };
    const n = steps.length + 1;
    const store = await suite.stores.create();
    const workerEnv = (extra: Record<string, string>) =>
      suite.sandboxes.workerEnv(store, step.systems, { LB_WORKER_WAIT_FOR_GO: '1', ...extra });
    try {
      const settling = startWorkerProcess(workerEnv({ LB_WORKER_EXIT_WHEN_IDLE: '1' }));
      const dying = startWorkerProcess(workerEnv({}));
      const finisher = startWorkerProcess(workerEnv({ LB_WORKER_EXIT_WHEN_IDLE: '1' }));
      // 1. The invoice and its first instalment reach both books.
      const made = await store.use((db) => enqueue(db, step, n));
      settling.go();
      await settling.succeeded();
      // 2. The second instalment: the worker dies once the targets have taken it, answers unread.
      await store.use((db) => pay(db, made, step.systems));
      const holds = holdsFor(step, 'PAYMENT');
      dying.go();
      await killWhenStopped(dying, { holds });
      expect((await dying.exited).signal).toBe('SIGKILL');
      suite.sandboxes.xero.sandbox.idempotency.clear();
      // 3. The next worker takes it over.
      finisher.go();
      await finisher.succeeded();

      const said = [settling, dying, finisher].map((w, i) => `worker ${i + 1}:\n${w.output()}`).join('\n');
      await store.use((db) => expectBooks(db, made, step, said));
    } finally {
      await store.dispose();
    }
  }, 120_000);
});
