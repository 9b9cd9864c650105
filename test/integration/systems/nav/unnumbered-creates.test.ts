// Customers, vendors and items created without a number (NAV/BC numbers them from a series): a
// create whose answer is lost, or whose worker died, is never written twice. With an id field
// (masterDataIdField, a field a partner added to the page) the record is found by our id;
// without one by exactly the name and e-mail written, adopted only when exactly one record has
// them; otherwise the write fails for a person to settle and nothing more is created.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ItemDraft, PartyDraft } from '../../../../src/systems/system.js';
import { ConnectorError } from '../../../../src/systems/errors.js';
import type { Dialect } from '../../../../src/systems/nav/index.js';
import type { RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import { navMetadataXml } from '@ledgerbridge/sandbox/nav/routes/nav-odata.js';
import { navService } from '@ledgerbridge/sandbox/nav/services.js';
import { baseUrl, callCount, connect, rawRequest, sandboxAdmin, startSandbox } from './harness.js';

let sandbox: RunningNavSandbox;
beforeAll(async () => {
  // The pages carry a field a partner added for our id; connectors below use it only when told to.
  sandbox = await startSandbox({
    extensionFields: { customer: ['LB_Id'], vendor: ['LB_Id'], item: ['LB_Id'] },
  });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
  await sandboxAdmin.reset(sandbox);
  await sandboxAdmin.clearFaults(sandbox);
  await sandboxAdmin.resetCalls(sandbox);
});

const dialects = ['nav-odata-v4', 'bc-api-v2'] as const;
type MasterEntity = 'customer' | 'vendor' | 'item';

function party(name: string, email: string | null, number: string | null = null): PartyDraft {
  return {
    number,
    name,
    email,
    phone: null,
    taxNumber: null,
    currency: 'GBP',
    status: 'ACTIVE',
    paymentTerms: null,
    address: { line1: '1 High Street', city: 'Leeds', country: 'GB' },
  };
}

function item(name: string): ItemDraft {
  return {
    number: '',
    name,
    description: null,
    type: 'SERVICE',
    unitOfMeasure: null,
    unitPrice: new Decimal('12.50'),
    unitCost: null,
    salesAccountCode: null,
    purchaseAccountCode: null,
    taxCode: null,
    blocked: false,
  };
}

const sets: Record<Dialect, Record<MasterEntity, string>> = {
  'nav-odata-v4': { customer: 'Customer', vendor: 'Vendor', item: 'Item' },
  'bc-api-v2': { customer: 'customers', vendor: 'vendors', item: 'items' },
};

function setUrl(dialect: Dialect, entity: MasterEntity): string {
  const company =
    dialect === 'nav-odata-v4'
      ? `Company('${encodeURIComponent(sandbox.companyName)}')`
      : `companies(${sandbox.companyId})`;
  return `${baseUrl(sandbox, dialect)}/${company}/${sets[dialect][entity]}`;
}

/** Every record of the set as the sandbox holds it (all pages), read behind the connector's back. */
async function allRecords(dialect: Dialect, entity: MasterEntity): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let url: string | undefined = setUrl(dialect, entity);
  while (url) {
    const res = await rawRequest(url, 'GET');
    const body = res.json as { value: Record<string, unknown>[]; '@odata.nextLink'?: string };
    rows.push(...body.value);
    url = body['@odata.nextLink'];
  }
  return rows;
}

const nameField = (dialect: Dialect, entity: MasterEntity) =>
  dialect === 'nav-odata-v4' ? (entity === 'item' ? 'Description' : 'Name') : 'displayName';

async function named(dialect: Dialect, entity: MasterEntity, name: string) {
  return (await allRecords(dialect, entity)).filter((r) => r[nameField(dialect, entity)] === name);
}

const postLabel = (dialect: Dialect, entity: MasterEntity) =>
  `POST ${dialect === 'nav-odata-v4' ? 'NAV' : 'BC'} ${sets[dialect][entity]}`;

/** Loses the answer of the next create: NAV/BC commits it, then the connection drops. */
const dropNextCreate = (dialect: Dialect, entity: MasterEntity) =>
  sandboxAdmin.fault(sandbox, {
    kind: 'drop-after-commit',
    method: 'POST',
    path: `/${sets[dialect][entity]}`,
    count: 1,
  });

function failure(result: { ok: boolean; error?: ConnectorError } | undefined): ConnectorError {
  if (!result || result.ok || !result.error) throw new Error('expected the write to fail');
  return result.error;
}

describe.each(dialects)('%s: no id field, found by name and e-mail', (dialect) => {
  it('a customer whose committed create lost its answer is adopted, not created again', async () => {
    const c = await connect(sandbox, dialect);
    const before = (await allRecords(dialect, 'customer')).length;
    await dropNextCreate(dialect, 'customer');
    const draft = party('Unnumbered Traders Ltd', 'accounts@unnumbered.example');
    const [r] = await c.writeMany('customer', [{ data: draft, idempotencyKey: 'customer:u1:1:NAV' }]);
    if (!r?.ok) throw r?.error ?? new Error('no result');
    expect(r.created).toBe(true);
    expect(r.record.data.number).toMatch(/\S/); // numbered by NAV/BC from its series
    expect(await callCount(sandbox, postLabel(dialect, 'customer'))).toBe(1);
    const found = await named(dialect, 'customer', draft.name);
    expect(found).toHaveLength(1);
    expect((await allRecords(dialect, 'customer')).length).toBe(before + 1);

    // The engine retries the job (its outcome was unknown): still the same one customer.
    const again = await connect(sandbox, dialect);
    const [retry] = await again.writeMany('customer', [
      { data: draft, idempotencyKey: 'customer:u1:1:NAV', outcomeUnknown: true },
    ]);
    expect(retry?.ok && retry.record.externalId).toBe(r.record.externalId);
    expect(await callCount(sandbox, postLabel(dialect, 'customer'))).toBe(1);
    expect((await allRecords(dialect, 'customer')).length).toBe(before + 1);
  });

  it('a worker that died after its create committed: the next worker adopts the record', async () => {
    const dead = await connect(sandbox, dialect);
    const draft = party('Crashed Worker Ltd', null);
    const [first] = await dead.writeMany('customer', [{ data: draft, idempotencyKey: 'customer:u2:1:NAV' }]);
    if (!first?.ok) throw first?.error ?? new Error('no result');
    // Its answer was never recorded: a new process takes the job over, marked outcomeUnknown.
    await sandboxAdmin.resetCalls(sandbox);
    const next = await connect(sandbox, dialect);
    const [r] = await next.writeMany('customer', [
      { data: draft, idempotencyKey: 'customer:u2:1:NAV', outcomeUnknown: true },
    ]);
    expect(r?.ok && r.record.externalId).toBe(first.record.externalId);
    expect(await callCount(sandbox, postLabel(dialect, 'customer'))).toBe(0);
    expect(await named(dialect, 'customer', draft.name)).toHaveLength(1);
  });

  it('only the record with the e-mail written counts: a namesake with another e-mail is left alone', async () => {
    const c = await connect(sandbox, dialect);
    const [other] = await c.writeMany('customer', [
      { data: party('Namesake Ltd', 'someone@else.example'), idempotencyKey: 'customer:other:1:NAV' },
    ]);
    expect(other?.ok).toBe(true);
    await dropNextCreate(dialect, 'customer');
    const draft = party('Namesake Ltd', 'ap@namesake.example');
    const [r] = await c.writeMany('customer', [{ data: draft, idempotencyKey: 'customer:u3:1:NAV' }]);
    if (!r?.ok) throw r?.error ?? new Error('no result');
    expect(r.record.data.email).toBe('ap@namesake.example');
    expect(r.record.externalId).not.toBe(other?.ok && other.record.externalId);
    expect(await named(dialect, 'customer', draft.name)).toHaveLength(2);
  });

  it('several records with the name and e-mail: a typed conflict, and nothing is created', async () => {
    const c = await connect(sandbox, dialect);
    const draft = party('Twin Supplies Ltd', 'ap@twin.example');
    for (const key of ['customer:t1:1:NAV', 'customer:t2:1:NAV']) {
      const [made] = await c.writeMany('customer', [{ data: draft, idempotencyKey: key }]);
      expect(made?.ok).toBe(true);
    }
    await sandboxAdmin.resetCalls(sandbox);
    const next = await connect(sandbox, dialect);
    const [r] = await next.writeMany('customer', [
      { data: draft, idempotencyKey: 'customer:t3:1:NAV', outcomeUnknown: true },
    ]);
    const error = failure(r);
    expect(error.kind).toBe('conflict');
    expect(error.details.code).toBe('CreateOutcomeAmbiguous');
    expect(error.message).toContain("customer 'Twin Supplies Ltd' with e-mail ap@twin.example");
    expect((error.details.upstream as { matches: unknown[] }).matches).toHaveLength(2);
    expect(await callCount(sandbox, postLabel(dialect, 'customer'))).toBe(0);
    expect(await named(dialect, 'customer', draft.name)).toHaveLength(2);
  });

  it('the answer lost while a namesake exists: a conflict, and the retry creates nothing more', async () => {
    const c = await connect(sandbox, dialect);
    const draft = party('Echo Ltd', 'ap@echo.example');
    const [existing] = await c.writeMany('customer', [{ data: draft, idempotencyKey: 'customer:e0:1:NAV' }]);
    expect(existing?.ok).toBe(true);
    await dropNextCreate(dialect, 'customer');
    const [r] = await c.writeMany('customer', [{ data: draft, idempotencyKey: 'customer:e1:1:NAV' }]);
    expect(failure(r).kind).toBe('conflict');
    const [retry] = await c.writeMany('customer', [
      { data: draft, idempotencyKey: 'customer:e1:1:NAV', outcomeUnknown: true },
    ]);
    expect(failure(retry).details.code).toBe('CreateOutcomeAmbiguous');
    // The one the lost create committed, and the namesake: no third.
    expect(await callCount(sandbox, postLabel(dialect, 'customer'))).toBe(2);
    expect(await named(dialect, 'customer', draft.name)).toHaveLength(2);
  });

  it('nothing found (the request never arrived): unknown-outcome saying why, nothing written', async () => {
    const before = (await allRecords(dialect, 'customer')).length;
    const next = await connect(sandbox, dialect);
    const [r] = await next.writeMany('customer', [
      { data: party('Never Sent Ltd', 'ap@never.example'), idempotencyKey: 'n1', outcomeUnknown: true },
    ]);
    const error = failure(r);
    expect(error.kind).toBe('unknown-outcome');
    expect(error.details.code).toBe('CreateOutcomeNotFound');
    expect(error.message).toContain("no customer 'Never Sent Ltd' with e-mail ap@never.example");
    expect(await callCount(sandbox, postLabel(dialect, 'customer'))).toBe(0);
    expect((await allRecords(dialect, 'customer')).length).toBe(before);
  });

  it('vendors and items without a number are adopted the same way', async () => {
    const c = await connect(sandbox, dialect);
    await dropNextCreate(dialect, 'vendor');
    const vendor = party('Unnumbered Parts Co', 'sales@parts.example');
    const [v] = await c.writeMany('vendor', [{ data: vendor, idempotencyKey: 'vendor:u1:1:NAV' }]);
    expect(v?.ok && v.record.data.name).toBe(vendor.name);
    expect(await named(dialect, 'vendor', vendor.name)).toHaveLength(1);

    await dropNextCreate(dialect, 'item');
    const draft = item('Unnumbered consulting hour');
    const [i] = await c.writeMany('item', [{ data: draft, idempotencyKey: 'item:u1:1:NAV' }]);
    if (!i?.ok) throw i?.error ?? new Error('no result');
    expect(i.record.data.number).toMatch(/\S/);
    const [retry] = await c.writeMany('item', [
      { data: draft, idempotencyKey: 'item:u1:1:NAV', outcomeUnknown: true },
    ]);
    expect(retry?.ok && retry.record.externalId).toBe(i.record.externalId);
    expect(await named(dialect, 'item', draft.name)).toHaveLength(1);
    expect(await callCount(sandbox, postLabel(dialect, 'item'))).toBe(1);
  });
});

describe('nav-odata-v4: with an id field (masterDataIdField)', () => {
  const idField = { customer: 'LB_Id', vendor: 'LB_Id', item: 'LB_Id' };

  it('writes our id into the field and finds the record by it after a lost answer', async () => {
    const c = await connect(sandbox, 'nav-odata-v4', { masterDataIdField: idField });
    await dropNextCreate('nav-odata-v4', 'customer');
    const draft = party('Keyed Traders Ltd', null);
    const [r] = await c.writeMany('customer', [{ data: draft, idempotencyKey: 'customer:k1:1:NAV' }]);
    if (!r?.ok) throw r?.error ?? new Error('no result');
    const rows = await named('nav-odata-v4', 'customer', draft.name);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.LB_Id).toBe('customer:k1:1:NAV');
    expect(r.record.externalId).toBe(rows[0]!.No);

    // A crashed worker's retry in a new process finds it by the id field: no second create.
    const next = await connect(sandbox, 'nav-odata-v4', { masterDataIdField: idField });
    const [retry] = await next.writeMany('customer', [
      { data: draft, idempotencyKey: 'customer:k1:1:NAV', outcomeUnknown: true },
    ]);
    expect(retry?.ok && retry.record.externalId).toBe(r.record.externalId);
    expect(await callCount(sandbox, postLabel('nav-odata-v4', 'customer'))).toBe(1);
    expect(await named('nav-odata-v4', 'customer', draft.name)).toHaveLength(1);
  });

  it('the id field settles what name and e-mail cannot: namesakes do not matter', async () => {
    const c = await connect(sandbox, 'nav-odata-v4', { masterDataIdField: idField });
    const draft = party('Common Name Ltd', 'ap@common.example');
    for (const key of ['customer:c1:1:NAV', 'customer:c2:1:NAV']) {
      const [made] = await c.writeMany('customer', [{ data: draft, idempotencyKey: key }]);
      expect(made?.ok).toBe(true);
    }
    await dropNextCreate('nav-odata-v4', 'customer');
    const [r] = await c.writeMany('customer', [{ data: draft, idempotencyKey: 'customer:c3:1:NAV' }]);
    if (!r?.ok) throw r?.error ?? new Error('no result');
    const rows = await named('nav-odata-v4', 'customer', draft.name);
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.No === r.record.externalId)?.LB_Id).toBe('customer:c3:1:NAV');
  });

  it('start-up fails naming an id field the page lacks, on either dialect', async () => {
    const nav = await connect(sandbox, 'nav-odata-v4', {
      masterDataIdField: { ...idField, vendor: 'LB_Ref' },
    }).catch((e: unknown) => e);
    expect(nav).toBeInstanceOf(ConnectorError);
    expect((nav as ConnectorError).message).toContain(
      "service 'Vendor' (vendor id field) lacks field(s) 'LB_Ref'",
    );
    // BC's standard API pages cannot be extended: the field is never there.
    const bc = await connect(sandbox, 'bc-api-v2', { masterDataIdField: { customer: 'LB_Id' } }).catch(
      (e: unknown) => e,
    );
    expect((bc as ConnectorError).message).toContain(
      "service 'customers' (customer id field) lacks field(s) 'LB_Id'",
    );
  });
});

describe('an id field too short for our id', () => {
  it('fails start-up naming its length, before anything is written', async () => {
    const xml = navMetadataXml(navService({ customer: ['LB_Id'] })).replace(
      '<Property Name="LB_Id" Type="Edm.String" MaxLength="100" />',
      '<Property Name="LB_Id" Type="Edm.String" MaxLength="50" />',
    );
    expect(xml).toContain('Name="LB_Id" Type="Edm.String" MaxLength="50"');
    const server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/xml' }).end(xml),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/DynamicsNAV110/ODataV4`;
      const err = await connect(sandbox, 'nav-odata-v4', {
        baseUrl: url,
        masterDataIdField: { customer: 'LB_Id' },
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectorError);
      expect((err as ConnectorError).message).toContain(
        "field 'LB_Id' of service 'Customer' (customer id field) holds 50 characters",
      );
      expect((err as ConnectorError).message).toContain('make it a Text[100]');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the sandbox publishes extension fields only on the NAV pages asked for', () => {
  it('lists them in $metadata, stores them, and refuses a name the page already has', async () => {
    const res = await fetch(`${baseUrl(sandbox, 'nav-odata-v4')}/$metadata`, {
      headers: { authorization: `Basic ${Buffer.from('ADMIN:sandbox').toString('base64')}` },
    });
    const xml = await res.text();
    const customerType = /<EntityType Name="Customer">[\s\S]*?<\/EntityType>/.exec(xml)?.[0] ?? '';
    expect(customerType).toContain('<Property Name="LB_Id" Type="Edm.String" MaxLength="100" />');
    const customers = await allRecords('nav-odata-v4', 'customer');
    expect(customers[0]).toHaveProperty('LB_Id', '');
    const bc = await allRecords('bc-api-v2', 'customer');
    expect(bc[0]).not.toHaveProperty('LB_Id');
    await expect(startSandbox({ extensionFields: { customer: ['Name'] } })).rejects.toThrow(
      /extension field 'Name'/,
    );
  });
});
