// A target refuses after the other committed. Both books' setup is checked before anything is
// written, but a book can still refuse afterwards: here NAV's delivery income account is blocked
// by a person in NAV after the gateway read NAV's chart (kept a few minutes), so two invoices pass
// the check, Xero takes them and NAV refuses to post them. Each shows PARTIAL — committed in Xero,
// refused in NAV, the dead letter naming NAV, the invoice and NAV's own words — and each way out
// leaves nothing half-done: one is replayed once the account is open again (both books hold it),
// the other is voided (voided in Xero, its NAV push and dead letter called off, never created in
// NAV by a later replay). Both books are compared to the cent at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareBooks, startBooksGateway, type BooksGateway } from '../../support/books.js';

interface Target {
  system: string;
  state: string;
  jobId: string | null;
  reason: string | null;
}
interface InvoiceView {
  id: string;
  number: string;
  status: string;
  sync: { status: string; targets: Target[]; sources: { system: string }[] };
}
const invoiceFields = `id number status sync { status sources { system } targets { system state jobId reason at } }`;

describe('a target refuses after another committed', () => {
  let books: BooksGateway;
  let customerId = '';
  const range = { from: '2026-11-01', to: '2027-12-31' };

  const invoice = async (id: string) =>
    (
      await books.gql<{ node: InvoiceView }>(
        `query($id: ID!) { node(id: $id) { ... on Invoice { ${invoiceFields} } } }`,
        { id },
      )
    ).node;
  const partial = async () =>
    (
      await books.gql<{ invoices: { nodes: InvoiceView[]; totalCount: number } }>(
        `{ invoices(filter: { syncStatus: [PARTIAL] }) { totalCount nodes { ${invoiceFields} } } }`,
      )
    ).invoices;
  const deadLetters = async () =>
    (
      await books.gql<{
        deadLetters: {
          nodes: { id: string; system: string; lastError: { kind: string; message: string } }[];
        };
      }>(`{ deadLetters(first: 50) { nodes { id system lastError { kind message } } } }`)
    ).deadLetters.nodes;
  /** Waits for a job to settle (the gateway's own workers run it), then says how it ended. */
  const settled = async (id: string) => {
    for (;;) {
      const { syncJob } = await books.gql<{ syncJob: { status: string } }>(
        `query($id: ID!) { syncJob(id: $id) { status } }`,
        { id },
      );
      if (!['PENDING', 'RUNNING'].includes(syncJob.status)) return syncJob.status;
      await books.gateway.sync.engine?.drain();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  /** NAV's documents with this external number: unposted (drafts) and posted. */
  const inNav = async (number: string) => {
    const filter = `?$filter=${encodeURIComponent(`External_Document_No eq '${number}'`)}`;
    const read = async (page: string) =>
      ((await (await books.nav('GET', `/${page}${filter}`)).json()) as { value: unknown[] }).value.length;
    return { drafts: await read('SalesInvoice'), posted: await read('PostedSalesInvoices') };
  };
  const blockInNav = async (blocked: boolean) => {
    const response = await books.nav(
      'PATCH',
      `/Chart_of_Accounts('6810')`,
      { Blocked: blocked },
      { 'if-match': '*' },
    );
    expect(response.ok, await response.text()).toBe(true);
  };
  const create = async (number: string, accountCode: string) => {
    const { createInvoice } = await books.gql<{
      createInvoice: {
        record: { id: string } | null;
        userErrors: { field: string[]; code: string; message: string }[];
        jobs: { system: string; status: string }[];
      };
    }>(
      `mutation($input: DocumentInput!) { createInvoice(input: $input, options: { targets: [XERO, NAV], wait: true }) {
         record { id } userErrors { field code message } jobs { system status } } }`,
      {
        input: {
          number,
          customerId,
          issueDate: '2026-11-20',
          lines: [
            { description: 'Delivery', accountCode, quantity: '1', unitPrice: '7.50', taxCode: 'VAT20' },
            {
              description: 'Consulting',
              accountCode: '6110',
              quantity: '0.333',
              unitPrice: '33.3333',
              taxCode: 'VAT20',
            },
          ],
        },
      },
    );
    return createInvoice;
  };

  beforeAll(async () => {
    books = await startBooksGateway('books-partial');
    // Ready first: a read of the initial sync still under way must not race the test's changes.
    await books.gateway.initialSync;
    const { upsertCustomer } = await books.gql<{
      upsertCustomer: { record: { id: string }; userErrors: unknown[] };
    }>(
      `mutation { upsertCustomer(input: { name: "Half Booked Ltd", email: "ap@halfbooked.example", currency: "GBP" },
         options: { wait: true }) { record { id } userErrors { code message } } }`,
    );
    expect(upsertCustomer.userErrors).toEqual([]);
    customerId = upsertCustomer.record.id;
  }, 240_000);
  afterAll(async () => {
    await books?.close();
  });

  it('shows the invoice committed in Xero and refused in NAV, then replays one and voids the other until both books agree', async () => {
    // The gateway reads each book's setup when a change is checked and keeps it a few minutes:
    // this refused change (a sales line on the bank) reads both charts and writes nothing.
    const warm = await create('LB-PC-0', '2910');
    expect(warm.userErrors.map((e) => e.code)).toEqual(['ACCOUNT_NOT_ALLOWED']);
    // A person blocks the account in NAV after that: the gateway's check still sees it open.
    await blockInNav(true);

    const first = await create('LB-PC-1', '6810');
    const second = await create('LB-PC-2', '6810');
    for (const created of [first, second]) {
      expect(created.userErrors).toEqual([]);
      expect(Object.fromEntries(created.jobs.map((j) => [j.system, j.status]))).toEqual({
        XERO: 'SUCCEEDED',
        NAV: 'DEAD',
      });
    }
    const ids = [first.record!.id, second.record!.id];

    // The document says where it is and where it is not, and why.
    for (const [i, id] of ids.entries()) {
      const doc = await invoice(id);
      expect(doc.sync.status).toBe('PARTIAL');
      expect(doc.sync.sources.map((s) => s.system)).toEqual(['XERO']);
      const bySystem = Object.fromEntries(doc.sync.targets.map((t) => [t.system, t]));
      expect(bySystem.XERO).toMatchObject({ state: 'SYNCED', reason: null });
      expect(bySystem.NAV).toMatchObject({ state: 'REFUSED' });
      expect(bySystem.NAV!.reason).toMatch(new RegExp(`^NAV refused invoice LB-PC-${i + 1}: .*6810`));
      expect(bySystem.NAV!.reason).toMatch(/[Bb]locked/);
    }
    // A controller finds them: committed in one book, not the other.
    const listed = await partial();
    expect(listed.nodes.map((n) => n.number).sort()).toEqual(['LB-PC-1', 'LB-PC-2']);
    expect(listed.totalCount).toBe(2);
    // The dead letters say the same, in the user's terms.
    const navJob = async (id: string) =>
      (await invoice(id)).sync.targets.find((t) => t.system === 'NAV')!.jobId!;
    const dlFirst = await navJob(ids[0]!);
    const dlSecond = await navJob(ids[1]!);
    const letters = await deadLetters();
    for (const [i, jobId] of [dlFirst, dlSecond].entries()) {
      const letter = letters.find((l) => l.id === jobId);
      expect(letter).toMatchObject({ system: 'NAV', lastError: { kind: 'validation' } });
      expect(letter!.lastError.message).toMatch(new RegExp(`^NAV refused invoice LB-PC-${i + 1}: .*6810`));
    }

    // Way out 1: open the account in NAV again and replay the dead letter: both books hold it.
    await blockInNav(false);
    const { replayDeadLetters } = await books.gql<{
      replayDeadLetters: { jobs: { id: string }[]; userErrors: unknown[] };
    }>(
      `mutation($ids: [ID!]!) { replayDeadLetters(ids: $ids) { jobs { id } userErrors { code message } } }`,
      { ids: [dlFirst] },
    );
    expect(replayDeadLetters.userErrors).toEqual([]);
    expect(await settled(dlFirst)).toBe('SUCCEEDED');
    // The draft NAV kept when it refused to post was found by its number and posted: one copy.
    expect(await inNav('LB-PC-1')).toEqual({ drafts: 0, posted: 1 });
    const replayed = await invoice(ids[0]!);
    expect(replayed.sync.status, JSON.stringify(replayed.sync.targets)).toBe('SYNCED');
    expect(replayed.sync.targets.map((t) => [t.system, t.state])).toEqual([
      ['NAV', 'SYNCED'],
      ['XERO', 'SYNCED'],
    ]);

    // Way out 2: void the copy Xero committed. NAV never had it: nothing is voided there, and its
    // push is called off with the dead letter, so no replay can create it later.
    const { voidInvoice } = await books.gql<{
      voidInvoice: { userErrors: unknown[]; jobs: { system: string; status: string }[] };
    }>(
      `mutation($id: ID!) { voidInvoice(id: $id, options: { wait: true }) { userErrors { code message } jobs { system status } } }`,
      { id: ids[1] },
    );
    expect(voidInvoice.userErrors).toEqual([]);
    expect(voidInvoice.jobs.map((j) => [j.system, j.status])).toEqual([['XERO', 'SUCCEEDED']]);
    const voided = await invoice(ids[1]!);
    expect(voided.status).toBe('VOIDED');
    expect(voided.sync.status).toBe('SYNCED');
    const navTarget = voided.sync.targets.find((t) => t.system === 'NAV')!;
    expect(navTarget.state).toBe('CANCELLED');
    expect(navTarget.reason).toMatch(/LB-PC-2 was voided before it reached this system/);
    expect((await deadLetters()).map((l) => l.id)).not.toContain(dlSecond);
    const replayAgain = await books.gql<{
      replayDeadLetters: { jobs: unknown[]; userErrors: { code: string }[] };
    }>(`mutation($ids: [ID!]!) { replayDeadLetters(ids: $ids) { jobs { id } userErrors { code } } }`, {
      ids: [dlSecond],
    });
    expect(replayAgain.replayDeadLetters.jobs).toEqual([]);
    const xeroCopy = (await books.xero('GET', `/Invoices?InvoiceNumbers=LB-PC-2`)).Invoices as {
      Status: string;
    }[];
    expect(xeroCopy.map((d) => d.Status)).toEqual(['VOIDED']);
    expect((await partial()).totalCount).toBe(0);

    // Both books agree: the replayed invoice to the cent, the customer's totals and every account.
    await books.settle();
    // Never posted in NAV, even with the account open again; the draft NAV kept when it refused
    // the posting counts in no ledger (a person deletes it there).
    expect(await inNav('LB-PC-2')).toEqual({ drafts: 1, posted: 0 });
    const compared = await compareBooks(books, { documents: [ids[0]!], parties: [customerId], ...range });
    expect(compared.differences).toEqual([]);
    expect(compared.documents[0]!.ours.total).toBe(compared.documents[0]!.nav!.total);
  }, 180_000);
});
