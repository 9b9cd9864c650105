// Invariant 2 with real processes: a sync worker process killed (SIGKILL) at any step of a write,
// then a new worker process once the dead one's lease has run out, leaves exactly one record in
// the target system, the job SUCCEEDED and the link recorded. Each step is reached
// deterministically: by the worker's test pause hook (jobs claimed / link written / job settling)
// or by a proxy holding the upstream call (request in flight / upstream committed, answer unread).
// Xero gets a contact with a ContactNumber and one without (found again by ContactNumber, and by
// name); NAV a customer with its No. (found again by No.).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Customer } from '../../src/domain/index.js';
import type { Database } from '../../src/store/database.js';
import { createSyncServices } from '../../src/sync/services.js';
import type { TestPauseStep } from '../../src/sync/runtime/test-pause.js';
import { killWhenStopped, pauseEnv, useCrashSuite, type System } from '../support/crash-systems.js';
import { sharedStoreKinds, startWorkerProcess, type SharedStore } from '../support/worker-processes.js';

const kinds = await sharedStoreKinds();
/** The dying worker's lease: how soon its jobs may be taken over. */
const LEASE_MS = 1_000;

interface Step {
  name: string;
  systems: System[];
  /** Stopped by the pause hook. */
  pause?: { step: TestPauseStep };
  /** Stopped by holding the upstream write at the proxies. */
  hold?: 'request' | 'response';
}

// One push at a time stops in a transaction (PGlite has one connection): those steps run per system.
const steps: Step[] = [
  {
    name: '(a) after claiming, before any upstream call',
    systems: ['XERO', 'NAV'],
    pause: { step: 'claimed' },
  },
  { name: '(b) while the upstream call is in flight', systems: ['XERO', 'NAV'], hold: 'request' },
  {
    name: '(c) after the upstream committed, before its answer is read',
    systems: ['XERO', 'NAV'],
    hold: 'response',
  },
  ...(['XERO', 'NAV'] as const).flatMap((system): Step[] => [
    {
      name: `(d) after ${system} answered, before the link commits`,
      systems: [system],
      pause: { step: 'linking' },
    },
    {
      name: `(d) after the ${system} link commits, before the job settles`,
      systems: [system],
      pause: { step: 'settling' },
    },
  ]),
];

describe.each(kinds)('a sync worker process killed mid-write, then restarted (%s)', (kind) => {
  const suite = useCrashSuite(
    kind,
    { customers: 3, vendors: 1, items: 2, salesInvoices: 2, purchaseInvoices: 1, salesOrders: 0 },
    LEASE_MS,
  );

  const workerEnv = (store: SharedStore, on: System[], extra: Record<string, string> = {}) =>
    suite.sandboxes.workerEnv(store, on, extra);

  const xeroContacts = () => [
    ...suite.sandboxes.xero.sandbox.tenant(suite.sandboxes.tenantId)!.contacts.values(),
  ];

  const navCustomersNamed = (name: string) =>
    suite.sandboxes.navRows<{ No: string; Name: string }>('Customer', `Name eq '${name}'`);

  /** The creates of one scenario, accepted through the change service as a mutation is. */
  const enqueue = async (db: Database, systems: System[], n: number) => {
    const services = createSyncServices(db, {
      lookups: suite.lookups,
      targets: { XERO: suite.sandboxes.tenantId, NAV: suite.sandboxes.nav.companyName },
    });
    const created: { system: System; record: Customer; number: string | null }[] = [];
    const add = async (system: System, number: string | null, name: string) => {
      const result = await services.changes.upsertCustomer(
        null,
        { number, name, currency: 'GBP', status: 'ACTIVE', email: `ap${n}@crash.example` },
        // The scenario's customers share an e-mail on purpose (NAV finds an unnumbered create by
        // name and e-mail): they are meant as separate customers.
        { targets: [system], allowDuplicate: true },
      );
      expect(result.userErrors).toEqual([]);
      created.push({ system, record: result.record!, number });
    };
    const tag = `${kind} ${n}`;
    if (systems.includes('XERO')) {
      await add('XERO', `XC${n}`, `Crash ${tag} numbered`);
      await add('XERO', null, `Crash ${tag} unnumbered`);
    }
    if (systems.includes('NAV')) await add('NAV', `NC${n}`, `Crash ${tag} in NAV`);
    await services.close();
    return created;
  };

  it.each(steps.map((s, i) => [s.name, s, i + 1] as const))(
    'killed %s: exactly one record upstream, the job succeeded, the link recorded',
    async (_name, step, n) => {
      const store = await suite.stores.create();
      try {
        // The worker that takes over loads meanwhile, and starts when told to.
        const restarted = startWorkerProcess(
          workerEnv(store, step.systems, { LB_WORKER_EXIT_WHEN_IDLE: '1', LB_WORKER_WAIT_FOR_GO: '1' }),
        );
        const created = await store.use((db) => enqueue(db, step.systems, n));

        // 1. The worker that dies, stopped exactly at the step.
        const marker = path.join(suite.tmp, `${n}.pause`);
        const phase = step.hold;
        const holds = phase
          ? step.systems.map((system) =>
              system === 'XERO'
                ? suite.sandboxes.xeroProxy.hold({ method: 'POST', path: '/Contacts', phase })
                : suite.sandboxes.navProxy.hold({ method: 'POST', path: '/Customer', phase }),
            )
          : [];
        const dying = startWorkerProcess(
          workerEnv(store, step.systems, step.pause ? pauseEnv(step.pause.step, marker) : {}),
        );
        await killWhenStopped(dying, { marker: step.pause && marker, holds });
        expect((await dying.exited).signal).toBe('SIGKILL');
        // Whatever the dead worker sent is now as old as Xero's idempotency window allows: the
        // retry must find its record by looking, not by replaying a key.
        suite.sandboxes.xero.sandbox.idempotency.clear();

        // 2. A new worker process takes the jobs over once the dead one's lease has run out.
        restarted.go();
        await restarted.succeeded();

        // 3. One record upstream for each, linked, and every job succeeded.
        await store.use(async (db) => {
          const jobs = await db.prisma.syncJob.findMany({ orderBy: { seq: 'asc' } });
          // A job that did not succeed shows its last error, and both workers' warnings are attached.
          expect(
            jobs.map((j) => [j.system, j.status, j.status === 'SUCCEEDED' ? null : j.lastError]),
            `the dying worker said:\n${dying.output()}\nthe restarted one:\n${restarted.output()}`,
          ).toEqual(created.map((c) => [c.system, 'SUCCEEDED', null]));
          const links = await db.prisma.externalLink.findMany();
          for (const { system, record, number } of created) {
            const linked = links.filter((l) => l.entityId === record.id);
            expect(linked, `links of ${record.name}`).toHaveLength(1);
            if (system === 'XERO') {
              const contacts = xeroContacts().filter((c) => c.Name === record.name);
              expect(contacts, `Xero contacts named ${record.name}`).toHaveLength(1);
              expect(linked[0]!.externalId.toLowerCase()).toBe(contacts[0]!.ContactID.toLowerCase());
              if (number) expect(xeroContacts().filter((c) => c.ContactNumber === number)).toHaveLength(1);
            } else {
              const customers = await navCustomersNamed(record.name);
              expect(customers.map((c) => c.No)).toEqual([number]);
              expect(linked[0]!.externalNumber).toBe(number);
            }
          }
          const customers = await db.prisma.customer.findMany({ select: { syncStatus: true } });
          expect(customers.map((c) => c.syncStatus)).toEqual(created.map(() => 'SYNCED'));
        });
      } finally {
        await store.dispose();
      }
    },
    90_000,
  );
});
