// NAV 2017/2018 OData V4 dialect: pages, mangled names, options, composite keys, containment,
// paging, ETags, errors, NAV.Post and $metadata consistency.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glCents, startSandbox, type Sandbox } from './helpers.js';

type Rows = {
  value: Record<string, unknown>[];
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
  '@odata.context': string;
};

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ pageSize: 2 });
});
afterAll(() => sb.close());

describe('NAV OData V4 reads', () => {
  it('lists customers with NAV field names, option encoding, dates and etags', async () => {
    const { status, body, headers } = await sb.json<Rows>(`${sb.nav}/Customer?$filter=No eq 'C00010'`);
    expect(status).toBe(200);
    expect(headers.get('odata-version')).toBe('4.0');
    expect(body['@odata.context']).toMatch(
      /\/DynamicsNAV110\/ODataV4\/\$metadata#Company\('CRONUS%20International%20Ltd\.'\)\/Customer$/,
    );
    const c = body.value[0]!;
    expect(c).toMatchObject({
      No: 'C00010',
      Name: 'Adatum Corporation',
      Blocked: '_x0020_',
      Credit_Limit_LCY: 5000,
      Last_Date_Modified: '2024-03-01',
    });
    expect(c['@odata.etag']).toMatch(/^W\/"[A-Za-z0-9+/=]+"$/);
    expect(c).not.toHaveProperty('id');
    // Only customers present in NAV are loaded.
    const all = await sb.json<Rows>(`${sb.nav}/Customer?$count=true&$top=0`);
    expect(all.body['@odata.count']).toBe(3);
  });

  it('pages with $skiptoken nextLinks until every record was served once', async () => {
    const seen: string[] = [];
    let next: string | undefined = `${sb.nav}/Customer`;
    let pages = 0;
    while (next) {
      const { body }: { body: Rows } = await sb.json<Rows>(next);
      seen.push(...body.value.map((v) => v.No as string));
      next = body['@odata.nextLink'];
      if (next) expect(next).toContain('$skiptoken=');
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(['C00010', 'C00020', 'C00030']);
  });

  it('keeps $orderby, $filter and $top across pages', async () => {
    const first = await sb.json<Rows>(`${sb.nav}/Customer?$orderby=Name desc&$top=3`);
    expect(first.body.value.map((v) => v.Name)).toEqual(["Trey O'Research", 'Relecloud']);
    const second = await sb.json<Rows>(first.body['@odata.nextLink']!);
    expect(second.body.value.map((v) => v.Name)).toEqual(['Adatum Corporation']);
    expect(second.body['@odata.nextLink']).toBeUndefined();
  });

  it('supports $select, $skip, $count and /$count', async () => {
    const sel = await sb.json<Rows>(`${sb.nav}/Customer?$select=No,Name&$skip=1`);
    expect(sel.body['@odata.context']).toMatch(/Customer\(No,Name\)$/);
    expect(Object.keys(sel.body.value[0]!).sort()).toEqual(['@odata.etag', 'Name', 'No']);
    expect(sel.body.value[0]!.No).toBe('C00020');
    const count = await sb.call(`${sb.nav}/Customer/$count?$filter=Blocked eq ' '`);
    expect(await count.text()).toBe('2');
    const blocked = await sb.json<Rows>(`${sb.nav}/Customer?$filter=Blocked eq 'Invoice'`);
    expect(blocked.body.value.map((v) => v.No)).toEqual(['C00020']);
  });

  it('filters with or on one field, startswith/contains, dates and numbers', async () => {
    const or = await sb.json<Rows>(`${sb.nav}/Customer?$filter=No eq 'C00010' or No eq 'C00030'`);
    expect(or.body.value.map((v) => v.No)).toEqual(['C00010', 'C00030']);
    const sw = await sb.json<Rows>(`${sb.nav}/Customer?$filter=startswith(Name,'rel')`);
    expect(sw.body.value.map((v) => v.No)).toEqual(['C00030']);
    const ct = await sb.json<Rows>(`${sb.nav}/Item?$filter=contains(Description,'WHEEL')`);
    expect(ct.body.value.map((v) => v.No)).toEqual(['1100']);
    const dt = await sb.json<Rows>(
      `${sb.nav}/PostedSalesInvoices?$filter=Posting_Date ge 2024-03-06 and Amount_Including_VAT gt 100`,
    );
    expect(dt.body.value.map((v) => v.No)).toEqual(['103002']);
  });

  it("rejects an 'or' across different fields with NAV's error", async () => {
    const { status, body } = await sb.json(
      `${sb.nav}/Customer?$filter=No eq 'C00010' or Name eq 'Relecloud'`,
    );
    expect(status).toBe(501);
    expect(body).toEqual({
      error: {
        code: 'BadRequest_MethodNotImplemented',
        message: expect.stringContaining(
          "The 'OR' operator is not supported on distinct fields on an OData filter.",
        ) as string,
      },
    });
  });

  it('reports unknown properties, bad syntax, type mismatches and unknown segments', async () => {
    const unknown = await sb.json<{ error: { code: string; message: string } }>(
      `${sb.nav}/Customer?$filter=Nope eq 'x'`,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('BadRequest_NotFound');
    expect(unknown.body.error.message).toContain(
      "Could not find a property named 'Nope' on type 'NAV.Customer'",
    );
    const syntax = await sb.json<{ error: { code: string } }>(`${sb.nav}/Customer?$filter=No eq`);
    expect(syntax.status).toBe(400);
    expect(syntax.body.error.code).toBe('BadRequest');
    const mismatch = await sb.json<{ error: { message: string } }>(`${sb.nav}/Customer?$filter=No eq 10`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toContain('incompatible types');
    const segment = await sb.json<{ error: { code: string } }>(`${sb.nav}/Nothing`);
    expect(segment.status).toBe(404);
    expect(segment.body.error.code).toBe('BadRequest_NotFound');
    const missing = await sb.json<{ error: { code: string; message: string } }>(
      `${sb.nav}/Customer('C99999')`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      code: 'Internal_RecordNotFound',
      message: expect.stringMatching(
        /^The Customer does not exist\. Identification fields and values: No='C99999'/,
      ) as string,
    });
  });

  it('reads composite keys, contained lines and $expand', async () => {
    const order = await sb.json<Record<string, unknown>>(
      `${sb.nav}/SalesOrder(Document_Type='Order',No='101001')?$expand=SalesOrderSalesLines`,
    );
    expect(order.status).toBe(200);
    expect(order.body['@odata.context']).toMatch(
      /#Company\('CRONUS%20International%20Ltd\.'\)\/SalesOrder\/\$entity$/,
    );
    expect(order.body).toMatchObject({ No: '101001', Amount: 299.99, Amount_Including_VAT: 359.99 });
    const lines = order.body.SalesOrderSalesLines as Record<string, unknown>[];
    expect(lines.map((l) => l.Line_No)).toEqual([10000, 20000]);
    expect(lines[0]).toMatchObject({ Type: 'Item', Shortcut_Dimension_1_Code: 'SALES', Line_Amount: 200 });
    const one = await sb.json<Record<string, unknown>>(
      `${sb.nav}/SalesOrder(Document_Type='Order',No='101001')/SalesOrderSalesLines(Document_Type='Order',Document_No='101001',Line_No=20000)`,
    );
    expect(one.body).toMatchObject({ No: '1100', Quantity: 3, Unit_Price: 33.33, Line_Amount: 99.99 });
    expect(one.body['@odata.context']).toMatch(
      /SalesOrder\(Document_Type='Order',No='101001'\)\/SalesOrderSalesLines\/\$entity$/,
    );
  });

  it('accepts ?company= instead of the Company segment and rejects unknown companies', async () => {
    const q = await sb.json<Rows>(`/DynamicsNAV110/ODataV4/Item?company=CRONUS%20International%20Ltd.`);
    expect(q.status).toBe(200);
    expect(q.body.value.length).toBe(2);
    const wrong = await sb.json<{ error: { code: string } }>(`/DynamicsNAV110/ODataV4/Company('Nope')/Item`);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('Internal_CompanyNotFound');
  });

  it('serves the ledgers read-only', async () => {
    const post = await sb.json<{ error: { code: string } }>(`${sb.nav}/GLEntry`, {
      method: 'POST',
      body: { Amount: 1 },
    });
    expect(post.status).toBe(405);
    expect(post.body.error.code).toBe('BadRequest_MethodNotAllowed');
    const cle = await sb.json<Rows>(`${sb.nav}/CustLedgerEntries?$filter=Customer_No eq 'C00030'&$top=10`);
    const invoice = cle.body.value.find((e) => e.Document_Type === 'Invoice')!;
    expect(invoice).toMatchObject({
      Document_No: '103002',
      Amount: 251.98,
      Remaining_Amount: 151.98,
      Open: true,
    });
  });
});

describe('NAV OData V4 writes', () => {
  it('creates, updates with If-Match and deletes a customer', async () => {
    const created = await sb.json<Record<string, unknown>>(`${sb.nav}/Customer`, {
      method: 'POST',
      body: { Name: 'Contoso', Credit_Limit_LCY: 1500.5, Blocked: 'Ship' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      No: 'C00040',
      Name: 'Contoso',
      Credit_Limit_LCY: 1500.5,
      Blocked: 'Ship',
    });
    expect(created.headers.get('location')).toMatch(/\/Customer\('C00040'\)$/);
    const url = `${sb.nav}/Customer('C00040')`;
    const etag = created.body['@odata.etag'] as string;

    const noMatch = await sb.json<{ error: { code: string } }>(url, { method: 'PATCH', body: { Name: 'x' } });
    expect(noMatch.status).toBe(400);
    expect(noMatch.body.error.code).toBe('BadRequest_InvalidToken');

    const updated = await sb.json<Record<string, unknown>>(url, {
      method: 'PATCH',
      body: { Name: 'Contoso Ltd', Blocked: ' ' },
      headers: { 'if-match': etag },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ Name: 'Contoso Ltd', Blocked: '_x0020_' });
    expect(updated.body['@odata.etag']).not.toBe(etag);

    const stale = await sb.json<{ error: { code: string; message: string } }>(url, {
      method: 'PATCH',
      body: { Name: 'y' },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('Request_EntityChanged');

    const badOption = await sb.json<{ error: { code: string } }>(url, {
      method: 'PATCH',
      body: { Blocked: 'Sometimes' },
      headers: { 'if-match': '*' },
    });
    expect(badOption.status).toBe(400);
    expect(badOption.body.error.code).toBe('Application_EvaluateException');

    const readOnly = await sb.json<{ error: { code: string } }>(url, {
      method: 'PATCH',
      body: { Balance_LCY: 5 },
      headers: { 'if-match': '*' },
    });
    expect(readOnly.body.error.code).toBe('BadRequest_InvalidOperation');

    const delNoMatch = await sb.call(url, { method: 'DELETE' });
    expect(delNoMatch.status).toBe(400);
    const del = await sb.call(url, {
      method: 'DELETE',
      headers: { 'if-match': updated.body['@odata.etag'] as string },
    });
    expect(del.status).toBe(204);
    expect((await sb.call(url)).status).toBe(404);
  });

  it('creates a sales order with lines through the containment and posts it with NAV.Post', async () => {
    const order = await sb.json<Record<string, unknown>>(`${sb.nav}/SalesOrder`, {
      method: 'POST',
      body: { Sell_to_Customer_No: 'C00030', External_Document_No: 'PO-77' },
    });
    expect(order.status).toBe(201);
    expect(order.body.No).toBe('101002');
    const base = `${sb.nav}/SalesOrder(Document_Type='Order',No='101002')`;
    // Unit price before No. in the JSON: NAV validates in page order, so the explicit price wins.
    const l1 = await sb.json<Record<string, unknown>>(`${base}/SalesOrderSalesLines`, {
      method: 'POST',
      body: { Unit_Price: 95, Type: 'Item', No: '1000', Quantity: 2, Line_Discount_Percent: 5 },
    });
    expect(l1.status).toBe(201);
    expect(l1.body).toMatchObject({
      Line_No: 10000,
      Unit_Price: 95,
      Line_Amount: 180.5,
      Description: 'Bicycle',
    });
    await sb.json(`${base}/SalesOrderSalesLines`, {
      method: 'POST',
      body: { Type: 'Item', No: '1200', Quantity: 7 },
    });
    const before = await sb.json<Record<string, unknown>>(base);
    // 180.50 + 20 % VAT 36.10; 7 × 4.99 = 34.93 + 5 % VAT 1.75 (rounded per line)
    expect(before.body).toMatchObject({ Amount: 215.43, Amount_Including_VAT: 253.28 });

    const glBefore = (await sb.json<Rows>(`${sb.nav}/GLEntry?$count=true&$top=0`)).body['@odata.count']!;
    const post = await sb.call(`${base}/NAV.Post`, { method: 'POST' });
    expect(post.status).toBe(204);
    expect((await sb.call(base)).status).toBe(404);

    const posted = await sb.json<Rows>(`${sb.nav}/PostedSalesInvoices?$filter=Order_No eq '101002'`);
    expect(posted.body.value[0]).toMatchObject({
      No: '103003',
      Amount: 215.43,
      Amount_Including_VAT: 253.28,
      Remaining_Amount: 253.28,
      Closed: false,
    });
    const gl = await sb.all<Record<string, unknown>>(`${sb.nav}/GLEntry?$filter=Document_No eq '103003'`);
    const sums = glCents(gl as never);
    expect(sums.net).toBe(0);
    expect(sums.debit).toBe(sums.credit);
    expect(sums.debit).toBe(25328);
    expect(gl.map((e) => e.G_L_Account_No).sort()).toEqual(['2310', '5610', '6110']);
    const total = await sb.json<Rows>(`${sb.nav}/GLEntry?$count=true&$top=0`);
    expect(total.body['@odata.count']).toBe(glBefore + 3);
    const lines = await sb.json<Rows>(
      `${sb.nav}/PostedSalesInvoices('103003')/PostedSalesInvoicesSalesInvLines`,
    );
    expect(lines.body.value.map((l) => l.Line_No)).toEqual([10000, 20000]);
  });

  it('refuses to post for a customer blocked for invoicing', async () => {
    await sb.json(`${sb.nav}/SalesInvoice`, { method: 'POST', body: { Sell_to_Customer_No: 'C00020' } });
    const inv = (await sb.json<Rows>(`${sb.nav}/SalesInvoice?$filter=Sell_to_Customer_No eq 'C00020'`)).body
      .value[0]!;
    const base = `${sb.nav}/SalesInvoice(Document_Type='Invoice',No='${inv.No as string}')`;
    const empty = await sb.json<{ error: { code: string; message: string } }>(`${base}/NAV.Post`, {
      method: 'POST',
    });
    expect(empty.body.error.code).toBe('Application_DialogException');
    await sb.json(`${base}/SalesInvoiceSalesLines`, {
      method: 'POST',
      body: { Type: 'Item', No: '1000', Quantity: 1 },
    });
    const blocked = await sb.json<{ error: { code: string; message: string } }>(`${base}/NAV.Post`, {
      method: 'POST',
    });
    expect(blocked.status).toBe(400);
    expect(blocked.body.error.message).toContain('blocked with type Invoice');
  });

  it('posts a cash receipt journal applying the payment to the invoice', async () => {
    const line = await sb.json<Record<string, unknown>>(`${sb.nav}/CashReceiptJournal`, {
      method: 'POST',
      body: {
        Posting_Date: '2024-03-25',
        Account_Type: 'Customer',
        Account_No: 'C00030',
        Amount: -151.98,
        Applies_to_Doc_Type: 'Invoice',
        Applies_to_Doc_No: '103002',
      },
    });
    expect(line.status).toBe(201);
    expect(line.body).toMatchObject({
      Journal_Template_Name: 'CASHRCPT',
      Journal_Batch_Name: 'GENERAL',
      Document_Type: 'Payment',
      Bal_Account_No: '2910',
    });
    const key = `Journal_Template_Name='CASHRCPT',Journal_Batch_Name='GENERAL',Line_No=${line.body.Line_No as number}`;
    const post = await sb.call(`${sb.nav}/CashReceiptJournal(${key})/NAV.Post`, { method: 'POST' });
    expect(post.status).toBe(204);
    const inv = await sb.json<Record<string, unknown>>(`${sb.nav}/PostedSalesInvoices('103002')`);
    expect(inv.body).toMatchObject({ Remaining_Amount: 0, Closed: true });
    const gl = await sb.all(`${sb.nav}/GLEntry?$filter=Document_No eq '${line.body.Document_No as string}'`);
    expect(glCents(gl as never)).toEqual({ debit: 15198, credit: 15198, net: 0 });
    const cust = await sb.json<Record<string, unknown>>(`${sb.nav}/Customer('C00030')`);
    // Only the order posted above (253.28) is still open for this customer.
    expect(cust.body.Balance_LCY).toBe(253.28);
  });

  it('rejects an unbalanced general journal and a payment applied to a closed invoice', async () => {
    await sb.json(`${sb.nav}/GeneralJournal`, {
      method: 'POST',
      body: { Posting_Date: '2024-03-25', Account_Type: 'G/L Account', Account_No: '6410', Amount: 10 },
    });
    const gj = (await sb.json<Rows>(`${sb.nav}/GeneralJournal`)).body.value[0]!;
    const key = `Journal_Template_Name='GENERAL',Journal_Batch_Name='DEFAULT',Line_No=${gj.Line_No as number}`;
    const res = await sb.json<{ error: { code: string; message: string } }>(
      `${sb.nav}/GeneralJournal(${key})/NAV.Post`,
      { method: 'POST' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('is out of balance by 10.00');

    const pay = await sb.json<Record<string, unknown>>(`${sb.nav}/CashReceiptJournal`, {
      method: 'POST',
      body: {
        Account_Type: 'Customer',
        Account_No: 'C00010',
        Amount: -5,
        Applies_to_Doc_Type: 'Invoice',
        Applies_to_Doc_No: '103001',
      },
    });
    const payKey = `Journal_Template_Name='CASHRCPT',Journal_Batch_Name='GENERAL',Line_No=${pay.body.Line_No as number}`;
    const closed = await sb.json<{ error: { code: string } }>(
      `${sb.nav}/CashReceiptJournal(${payKey})/NAV.Post`,
      { method: 'POST' },
    );
    expect(closed.status).toBe(400);
    expect(closed.body.error.code).toBe('Internal_dataNotFoundFilter');
  });
});

describe('NAV $metadata', () => {
  it('describes exactly the served entities, keys and the NAV.Post action', async () => {
    const res = await sb.call('/DynamicsNAV110/ODataV4/$metadata');
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      await res.text(),
    ) as Record<string, never>;
    const schema = (xml['edmx:Edmx'] as unknown as Record<string, Record<string, Record<string, unknown>>>)[
      'edmx:DataServices'
    ]!.Schema!;
    expect(schema.Namespace).toBe('NAV');
    const types = schema.EntityType as {
      Name: string;
      Key: { PropertyRef: { Name: string } | { Name: string }[] };
      Property: { Name: string; Type: string }[];
    }[];
    const byName = new Map(types.map((t) => [t.Name, t]));
    const lines = byName.get('SalesOrderSalesLines')!;
    expect([lines.Key.PropertyRef].flat().map((k) => k.Name)).toEqual([
      'Document_Type',
      'Document_No',
      'Line_No',
    ]);
    expect(byName.get('Customer')!.Property.find((p) => p.Name === 'Last_Date_Modified')!.Type).toBe(
      'Edm.Date',
    );
    const actions = [schema.Action].flat() as { Name: string; Parameter: { Type: string } }[];
    expect(
      actions
        .filter((a) => a.Name === 'Post')
        .map((a) => a.Parameter.Type)
        .sort(),
    ).toEqual(
      [
        'NAV.CashReceiptJournal',
        'NAV.GeneralJournal',
        'NAV.PaymentJournal',
        'NAV.PurchaseInvoice',
        'NAV.SalesInvoice',
        'NAV.SalesOrder',
      ].sort(),
    );
    // Every property served on every set exists in the metadata with the declared type.
    const sets = (schema.EntityContainer as { EntitySet: { Name: string; EntityType: string }[] }).EntitySet;
    for (const set of sets.filter((s) => s.Name !== 'Company')) {
      const { body } = await sb.json<Rows>(`${sb.nav}/${set.Name}?$top=1`);
      const type = byName.get(set.EntityType.replace('NAV.', ''))!;
      for (const row of body.value) {
        for (const key of Object.keys(row).filter((k) => !k.startsWith('@'))) {
          expect(
            type.Property.map((p) => p.Name),
            `${set.Name}.${key}`,
          ).toContain(key);
        }
      }
    }
  });
});
