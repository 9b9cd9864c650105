// The start-up $metadata check covers what bills, sales orders and payments need: served a NAV
// $metadata that lacks them, connect() fails naming each; served Business Central's real API v2.0
// $metadata (when on this machine), every BC requirement is met.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../../src/systems/errors.js';
import { BasicAuth, NavConnector } from '../../../../src/systems/nav/index.js';
import { navMetadataXml } from '@ledgerbridge/sandbox/nav/routes/nav-odata.js';
import { sharedFile } from '../../../../packages/sandbox/test/support/shared.js';

let server: Server;
let url = '';
let metadata = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.endsWith('/$metadata')) {
      res.writeHead(200, { 'content-type': 'application/xml' }).end(metadata);
      return;
    }
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end('{"error":{"code":"BadRequest_NotFound"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Removes one property from one entity type, or one bound action, from a $metadata document. */
function without(xml: string, type: string, member: RegExp): string {
  const start = xml.indexOf(`<EntityType Name="${type}">`);
  const end = xml.indexOf('</EntityType>', start);
  expect(start).toBeGreaterThan(-1);
  return xml.slice(0, start) + xml.slice(start, end).replace(member, '') + xml.slice(end);
}

/** The NAV.Post action bound to PurchaseInvoice, as on a server where only sales posting is published. */
const withoutBillPosting = (xml: string) =>
  xml.replace(
    /<Action Name="Post" IsBound="true">\s*<Parameter Name="bindingParameter" Type="NAV.PurchaseInvoice" \/>\s*<\/Action>/,
    '',
  );

async function connectError(options: Parameters<typeof NavConnector.connect>[0]): Promise<ConnectorError> {
  try {
    await NavConnector.connect(options);
  } catch (err) {
    if (err instanceof ConnectorError) return err;
    throw err;
  }
  throw new Error('connect() should have failed');
}

describe('start-up $metadata check', () => {
  it('names the payment application field, the posted bill key and the bill posting action when missing', async () => {
    let xml = navMetadataXml();
    xml = without(xml, 'CustLedgerEntries', /<Property Name="Closed_by_Entry_No"[^>]*\/>/);
    xml = without(xml, 'PostedPurchaseInvoices', /<Property Name="Pre_Assigned_No"[^>]*\/>/);
    xml = without(xml, 'PurchaseInvoicePurchLines', /<Property Name="Direct_Unit_Cost"[^>]*\/>/);
    xml = withoutBillPosting(xml);
    metadata = xml;
    const err = await connectError({
      dialect: 'nav-odata-v4',
      baseUrl: url,
      company: 'CRONUS International Ltd.',
      auth: new BasicAuth('ADMIN', 'sandbox'),
      localCurrency: 'GBP',
    });
    expect(err.kind).toBe('validation');
    expect(err.details.code).toBe('MetadataMismatch');
    expect(err.message).toContain(
      "service 'CustLedgerEntries' (payment) lacks field(s) 'Closed_by_Entry_No'",
    );
    expect(err.message).toContain("service 'PostedPurchaseInvoices' (bill) lacks field(s) 'Pre_Assigned_No'");
    expect(err.message).toContain(
      "lines 'PurchaseInvoicePurchLines' of 'PurchaseInvoice' lack field(s) 'Direct_Unit_Cost'",
    );
    expect(err.message).toContain("service 'PurchaseInvoice' (bill) has no bound action 'NAV.Post'");

    // The same installation without posting through the API starts (bills are then left unposted).
    metadata = withoutBillPosting(navMetadataXml());
    const ok = await NavConnector.connect({
      dialect: 'nav-odata-v4',
      baseUrl: url,
      company: 'CRONUS International Ltd.',
      auth: new BasicAuth('ADMIN', 'sandbox'),
      localCurrency: 'GBP',
      postAction: null,
    });
    expect(ok.capabilities.writable).toEqual(expect.arrayContaining(['bill', 'salesOrder', 'payment']));
  });

  const bcMetadata = sharedFile('nav-metadata/bc-api-v2.0-metadata.xml');
  it.skipIf(!bcMetadata)(
    'every Business Central requirement exists in the real API v2.0 $metadata',
    async () => {
      metadata = readFileSync(bcMetadata!, 'utf8');
      const c = await NavConnector.connect({
        dialect: 'bc-api-v2',
        baseUrl: url,
        company: '3ab5c248-e72b-f011-9a4a-7c1e5275406f',
        auth: new BasicAuth('ADMIN', 'sandbox'),
        localCurrency: 'GBP',
      });
      expect(c.capabilities.writable).toEqual(expect.arrayContaining(['bill', 'salesOrder', 'payment']));
    },
  );
});
