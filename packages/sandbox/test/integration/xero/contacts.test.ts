import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_ALPHA, first, Harness, items, spec, START } from './harness.js';

describe('Xero sandbox: Contacts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers in Xero’s envelope with MS JSON dates and GUID ids', async () => {
    const r = await h.api('GET', `/Contacts/${CUSTOMER_ALPHA}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ Status: 'OK', ProviderName: 'ledgerbridge sandbox' });
    expect(r.body.Id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.DateTimeUTC).toBe(`/Date(${START})/`);
    const c = first(r.body, 'Contacts');
    expect(c).toMatchObject({
      ContactID: CUSTOMER_ALPHA,
      ContactNumber: 'C00010',
      Name: 'Alpha Retail Ltd',
      IsCustomer: true,
      IsSupplier: false,
      ContactStatus: 'ACTIVE',
    });
    expect(c.UpdatedDateUTC).toMatch(/^\/Date\(\d+\+0000\)\/$/);
    // Contacts can also be read by ContactNumber.
    expect(first((await h.api('GET', '/Contacts/C00010')).body, 'Contacts').ContactID).toBe(CUSTOMER_ALPHA);
    expect((await h.api('GET', '/Contacts/C99999')).status).toBe(404);
  });

  it('lists active contacts only unless includeArchived, never contacts absent from Xero', async () => {
    const active = items((await h.api('GET', '/Contacts')).body, 'Contacts').map((c) => c.Name);
    expect(active).toEqual(['Alpha Retail Ltd', 'Beta Foods plc', 'Supplies Direct Ltd']);
    const all = items((await h.api('GET', '/Contacts?includeArchived=true')).body, 'Contacts').map(
      (c) => c.Name,
    );
    expect(all).toContain('Gamma Archived Ltd');
    expect(all).not.toContain('Delta NAV-only Ltd');
  });

  it('pages with page/pageSize and the pagination object', async () => {
    const r = await h.api('GET', '/Contacts?page=2&pageSize=2&includeArchived=true&order=Name DESC');
    expect(r.body.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, itemCount: 4 });
    expect(items(r.body, 'Contacts').map((c) => c.Name)).toEqual(['Beta Foods plc', 'Alpha Retail Ltd']);
    const capped = await h.api('GET', '/Contacts?page=1&pageSize=5000');
    expect((capped.body.pagination as { pageSize: number }).pageSize).toBe(1000);
  });

  it('filters with where, IDs and searchTerm', async () => {
    const where = encodeURIComponent('Name.ToLower().Contains("alpha") OR ContactNumber=="C00020"');
    expect(
      items((await h.api('GET', `/Contacts?where=${where}`)).body, 'Contacts').map((c) => c.ContactNumber),
    ).toEqual(['C00010', 'C00020']);
    expect(items((await h.api('GET', `/Contacts?IDs=${CUSTOMER_ALPHA}`)).body, 'Contacts')).toHaveLength(1);
    expect(
      items((await h.api('GET', '/Contacts?searchTerm=foods')).body, 'Contacts').map((c) => c.Name),
    ).toEqual(['Beta Foods plc']);
    const bad = await h.api('GET', `/Contacts?where=${encodeURIComponent('Name=="x" AND (')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ErrorNumber: 16, Type: 'QueryParseException' });
  });

  it('creates, updates and archives contacts; Name is unique among active contacts', async () => {
    h.clock.ms = START + 60_000;
    const created = await h.api('PUT', '/Contacts', {
      Contacts: [{ Name: 'Epsilon Ltd', ContactNumber: 'C00050', EmailAddress: 'a@epsilon.test' }],
    });
    expect(created.status).toBe(200);
    const c = first(created.body, 'Contacts');
    expect(c.UpdatedDateUTC).toBe(`/Date(${START + 60_000}+0000)/`);

    const dup = await h.api('PUT', '/Contacts', { Contacts: [{ Name: 'epsilon ltd' }] });
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
    });
    expect(items(dup.body, 'Elements')[0]?.ValidationErrors).toEqual([
      {
        Message:
          'The contact name epsilon ltd is already assigned to another contact. The contact name must be unique across all active contacts.',
      },
    ]);

    const archived = await h.api('POST', `/Contacts/${String(c.ContactID)}`, {
      Contacts: [{ ContactStatus: 'ARCHIVED' }],
    });
    expect(first(archived.body, 'Contacts').ContactStatus).toBe('ARCHIVED');
    // Once archived, the name is free for a new active contact.
    expect((await h.api('PUT', '/Contacts', { Name: 'Epsilon Ltd' })).status).toBe(200);
    // …and the archived one cannot be reactivated while the name is taken.
    const reactivate = await h.api('POST', '/Contacts', {
      Contacts: [{ ContactID: c.ContactID, ContactStatus: 'ACTIVE' }],
    });
    expect(reactivate.status).toBe(400);
    // POST matches by ContactNumber too.
    const byNumber = await h.api('POST', '/Contacts', {
      Contacts: [{ ContactNumber: 'C00020', EmailAddress: 'ap@beta.test' }],
    });
    expect(first(byNumber.body, 'Contacts')).toMatchObject({
      Name: 'Beta Foods plc',
      EmailAddress: 'ap@beta.test',
    });
  });

  it('summarizeErrors=false answers 200 with per-element status', async () => {
    const r = await h.api('PUT', '/Contacts?summarizeErrors=false', {
      Contacts: [{ Name: 'Zeta Ltd' }, { Name: 'Bad Email', EmailAddress: 'nope' }, { Name: '' }],
    });
    expect(r.status).toBe(200);
    const [ok, bad, empty] = items(r.body, 'Contacts');
    expect(ok).toMatchObject({ Name: 'Zeta Ltd', StatusAttributeString: 'OK' });
    expect(bad).toMatchObject({
      StatusAttributeString: 'ERROR',
      ValidationErrors: [{ Message: 'Email address must be valid.' }],
    });
    expect(empty?.StatusAttributeString).toBe('ERROR');
    // The failed elements left nothing behind; the good one is saved.
    const names = items((await h.api('GET', '/Contacts?includeArchived=true')).body, 'Contacts').map(
      (c) => c.Name,
    );
    expect(names).toContain('Zeta Ltd');
    expect(names).not.toContain('Bad Email');
  });

  it('a summarised batch with one bad element saves nothing', async () => {
    const r = await h.api('PUT', '/Contacts', {
      Contacts: [{ Name: 'Eta Ltd' }, { Name: 'Theta', EmailAddress: 'bad' }],
    });
    expect(r.status).toBe(400);
    expect(items(r.body, 'Elements')).toHaveLength(1);
    expect(
      items(
        (await h.api('GET', `/Contacts?where=${encodeURIComponent('Name=="Eta Ltd"')}`)).body,
        'Contacts',
      ),
    ).toHaveLength(0);
  });

  it('If-Modified-Since returns only records changed since', async () => {
    await h.setClock(START + 3_600_000);
    const upd = await h.api('POST', `/Contacts/${CUSTOMER_ALPHA}`, {
      Contacts: [{ Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '0207 000 0000' }] }],
    });
    expect(upd.status, upd.text).toBe(200);
    const since = new Date(START + 3_600_000).toISOString();
    const r = await h.api('GET', '/Contacts', undefined, { 'If-Modified-Since': since });
    expect(items(r.body, 'Contacts').map((c) => c.ContactID)).toEqual([CUSTOMER_ALPHA]);
  });

  it('rejects malformed JSON with PostDataInvalidException', async () => {
    const r = await h.api('PUT', '/Contacts', '{"Contacts": [', {});
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ErrorNumber: 14, Type: 'PostDataInvalidException' });
  });

  it.skipIf(!spec)('validates against the spec version the sandbox targets', () => {
    expect(spec?.version).toBe('16.1.0');
  });
});
