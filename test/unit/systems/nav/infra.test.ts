// URL building, filter chunking, error classification and the $metadata check, without a server.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../../src/systems/nav/errors.js';
import { bcFields } from '../../../../src/systems/nav/mapper-bc.js';
import { findMismatches, parseMetadata } from '../../../../src/systems/nav/metadata.js';
import {
  chunkByUrlLength,
  keyPredicate,
  queryString,
  sameFieldOr,
} from '../../../../src/systems/nav/odata.js';
import { sharedFile } from '../../../../packages/sandbox/test/support/shared.js';

describe('OData URLs', () => {
  it('builds single, composite and GUID key predicates with quotes doubled and encoded', () => {
    expect(keyPredicate([['No', "O'Neil & Co"]])).toBe("('O''Neil%20%26%20Co')");
    expect(
      keyPredicate([
        ['Document_Type', 'Invoice'],
        ['No', '1001'],
      ]),
    ).toBe("(Document_Type='Invoice',No='1001')");
    expect(
      keyPredicate([
        ['Journal_Template_Name', 'CASHRCPT'],
        ['Journal_Batch_Name', 'GENERAL'],
        ['Line_No', 10000],
      ]),
    ).toBe("(Journal_Template_Name='CASHRCPT',Journal_Batch_Name='GENERAL',Line_No=10000)");
    expect(keyPredicate([['id', { guid: '5a7c0000-0000-0000-0000-000000000001' }]])).toBe(
      '(5a7c0000-0000-0000-0000-000000000001)',
    );
  });

  it('puts several keys on ONE field with or, never across fields, and encodes literals', () => {
    const q = queryString({ filter: sameFieldOr('No', ['A&1', "B'2"], 'string'), select: ['No', 'Name'] });
    expect(q).toBe("?$select=No,Name&$filter=((No%20eq%20'A%261')%20or%20(No%20eq%20'B''2'))");
    expect(queryString({ filter: sameFieldOr('id', ['5a7c0000-0000-0000-0000-000000000001'], 'guid') })).toBe(
      '?$filter=id%20eq%205a7c0000-0000-0000-0000-000000000001',
    );
    expect(queryString({ filter: sameFieldOr('Entry_No', ['7', '8'], 'int') })).toContain(
      'Entry_No%20eq%207',
    );
  });

  it('chunks keys to stay under the URL budget', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `C${String(i).padStart(5, '0')}`);
    const urlFor = (chunk: readonly string[]) =>
      `http://nav/Customer${queryString({ filter: sameFieldOr('No', chunk, 'string') })}`;
    const chunks = chunkByUrlLength(ids, 400, 100, urlFor);
    expect(chunks.flat()).toEqual(ids);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(urlFor(c).length).toBeLessThanOrEqual(400);
    expect(chunkByUrlLength(ids, 100_000, 20, urlFor).map((c) => c.length)).toEqual([20, 20, 10]);
  });
});

describe('error classification', () => {
  const body = (code: string) => ({ error: { code, message: `something  CorrelationId:  abc.` } });
  it.each([
    [{ method: 'GET', status: 401, body: body('Authentication_InvalidCredentials') }, 'auth'],
    [
      { method: 'GET', status: 429, retryAfter: '5', body: body('Application_TooManyRequests') },
      'rate-limited',
    ],
    [{ method: 'GET', status: 503, retryAfter: '1' }, 'rate-limited'],
    [{ method: 'GET', status: 503 }, 'transient'],
    [{ method: 'GET', status: 500 }, 'transient'],
    [{ method: 'POST', status: 500 }, 'transient'],
    [{ method: 'POST', status: 502 }, 'unknown-outcome'],
    [{ method: 'GET', status: 504 }, 'transient'],
    [{ method: 'POST', status: 504 }, 'unknown-outcome'],
    [{ method: 'PATCH', status: 408 }, 'unknown-outcome'],
    [{ method: 'POST', networkCode: 'ECONNRESET' }, 'unknown-outcome'],
    [{ method: 'GET', networkCode: 'ECONNRESET' }, 'transient'],
    [{ method: 'PATCH', status: 409, body: body('Request_EntityChanged') }, 'conflict'],
    [{ method: 'PATCH', status: 412 }, 'conflict'],
    [{ method: 'POST', status: 409, body: body('Internal_EntityWithSameKeyExists') }, 'conflict'],
    [{ method: 'POST', status: 400, body: body('Application_DialogException') }, 'validation'],
    [{ method: 'GET', status: 501, body: body('BadRequest_MethodNotImplemented') }, 'validation'],
    [{ method: 'POST', status: 404, body: body('Internal_RecordNotFound') }, 'validation'],
  ] as const)('%o → %s', (failure, kind) => {
    const err = classify({ ...failure, now: 1_000_000 });
    expect(err.kind).toBe(kind);
    expect(err.message).not.toContain('CorrelationId');
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(
      classify({ method: 'GET', status: 429, retryAfter: '5', now: 1_000_000 }).details.retryAt?.getTime(),
    ).toBe(1_005_000);
    const at = 'Wed, 21 Oct 2026 07:28:00 GMT';
    expect(
      classify({ method: 'GET', status: 429, retryAfter: at, now: 0 }).details.retryAt?.toUTCString(),
    ).toBe(at);
  });
});

describe('$metadata check against the real Business Central API v2.0 metadata', () => {
  const file = sharedFile('nav-metadata/bc-api-v2.0-metadata.xml');
  it.skipIf(!file)('every BC field the mappers read exists in the real $metadata', () => {
    const model = parseMetadata(readFileSync(file!, 'utf8'));
    const problems = findMismatches(model, [
      { purpose: 'customer', service: 'customers', fields: [...bcFields.party, ...bcFields.customerExtra] },
      { purpose: 'vendor', service: 'vendors', fields: bcFields.party },
      { purpose: 'item', service: 'items', fields: bcFields.item },
      {
        purpose: 'invoice',
        service: 'salesInvoices',
        fields: bcFields.salesInvoice,
        lines: { navigation: 'salesInvoiceLines', fields: bcFields.salesLine },
        action: 'Microsoft.NAV.post',
      },
      {
        purpose: 'salesOrder',
        service: 'salesOrders',
        fields: bcFields.salesOrder,
        lines: { navigation: 'salesOrderLines', fields: bcFields.salesLine },
      },
      {
        purpose: 'bill',
        service: 'purchaseInvoices',
        fields: bcFields.purchaseInvoice,
        lines: { navigation: 'purchaseInvoiceLines', fields: bcFields.purchaseLine },
        action: 'Microsoft.NAV.post',
      },
      { purpose: 'ledgerEntry', service: 'generalLedgerEntries', fields: bcFields.glEntry },
      {
        purpose: 'payment',
        service: 'customerPaymentJournals',
        fields: ['id', 'code'],
        lines: { navigation: 'customerPayments', fields: bcFields.customerPayment },
      },
    ]);
    expect(problems).toEqual([]);
    expect(
      findMismatches(model, [{ purpose: 'x', service: 'customers', fields: ['Credit_Limit_LCY'] }]),
    ).toEqual(["service 'customers' (x) lacks field(s) 'Credit_Limit_LCY'"]);
  });
});
