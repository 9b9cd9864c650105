// The start-up $metadata check and vendor payments: what they need (NAV: Vendor Ledger Entries and
// the Payment Journal with its posting action; BC: vendorPaymentJournals/vendorPayments) is
// required, named when missing with what to do, and not required when vendor payments are left out.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../../src/systems/errors.js';
import { BasicAuth, NavConnector, type NavConnectorOptions } from '../../../../src/systems/nav/index.js';
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

const nav = (extra: Partial<NavConnectorOptions> = {}): NavConnectorOptions => ({
  dialect: 'nav-odata-v4',
  baseUrl: url,
  company: 'CRONUS International Ltd.',
  auth: new BasicAuth('ADMIN', 'sandbox'),
  localCurrency: 'GBP',
  ...extra,
});
const bc = (extra: Partial<NavConnectorOptions> = {}): NavConnectorOptions => ({
  ...nav(extra),
  dialect: 'bc-api-v2',
  company: '3ab5c248-e72b-f011-9a4a-7c1e5275406f',
});

async function connectError(options: NavConnectorOptions): Promise<ConnectorError> {
  try {
    await NavConnector.connect(options);
  } catch (err) {
    if (err instanceof ConnectorError) return err;
    throw err;
  }
  throw new Error('connect() should have failed');
}

/** A $metadata document without one entity set (the page is not published). */
function unpublished(xml: string, set: string): string {
  const out = xml.replace(new RegExp(`<EntitySet Name="${set}"[^>]*?(/>|>[\\s\\S]*?</EntitySet>)`), '');
  expect(out).not.toBe(xml);
  return out;
}

/** A NAV $metadata document without one property of one entity type. */
function withoutProperty(xml: string, type: string, property: string): string {
  const start = xml.indexOf(`<EntityType Name="${type}">`);
  const end = xml.indexOf('</EntityType>', start);
  expect(start).toBeGreaterThan(-1);
  const body = xml.slice(start, end).replace(new RegExp(`<Property Name="${property}"[^>]*/>`), '');
  return xml.slice(0, start) + body + xml.slice(end);
}

describe('start-up $metadata check for vendor payments', () => {
  it('NAV: names the vendor ledger, its application field and the payment journal when missing', async () => {
    metadata = withoutProperty(
      unpublished(navMetadataXml(), 'PaymentJournal'),
      'VendorLedgerEntries',
      'Closed_by_Entry_No',
    );
    const err = await connectError(nav());
    expect(err.details.code).toBe('MetadataMismatch');
    expect(err.message).toContain(
      "service 'VendorLedgerEntries' (vendor payment) lacks field(s) 'Closed_by_Entry_No'",
    );
    expect(err.message).toContain("service 'PaymentJournal' (vendor payment) is not published");
    expect(err.message).toContain("payments: ['RECEIVED']");
    // Customer payments are fine: nothing said about them.
    expect(err.message).not.toContain('CashReceiptJournal');

    metadata = unpublished(unpublished(navMetadataXml(), 'PaymentJournal'), 'VendorLedgerEntries');
    const started = await NavConnector.connect(nav({ payments: ['RECEIVED'] }));
    expect(started.capabilities.entities).toContain('payment');
  });

  it('NAV: requires posting on the payment journal only where posting is used', async () => {
    metadata = navMetadataXml().replace(
      /<Action Name="Post" IsBound="true">\s*<Parameter Name="bindingParameter" Type="NAV.PaymentJournal" \/>\s*<\/Action>/,
      '',
    );
    expect(metadata).not.toBe(navMetadataXml());
    const err = await connectError(nav());
    expect(err.message).toContain("service 'PaymentJournal' (vendor payment) has no bound action 'NAV.Post'");
    await NavConnector.connect(nav({ postAction: null }));
  });

  it('NAV: without payments at all, no ledger or journal page is required', async () => {
    let xml = navMetadataXml();
    for (const set of ['CustLedgerEntries', 'CashReceiptJournal', 'VendorLedgerEntries', 'PaymentJournal'])
      xml = unpublished(xml, set);
    metadata = xml;
    const err = await connectError(nav());
    expect(err.message).toContain("service 'CustLedgerEntries' (payment) is not published");
    const started = await NavConnector.connect(nav({ payments: [] }));
    expect(started.capabilities.writable).not.toContain('payment');
  });

  const bcMetadata = sharedFile('nav-metadata/bc-api-v2.0-metadata.xml');
  it.skipIf(!bcMetadata)(
    'BC: the real API v2.0 $metadata has what vendor payments need; without vendorPaymentJournals start-up names it',
    async () => {
      const real = readFileSync(bcMetadata!, 'utf8');
      metadata = real;
      const c = await NavConnector.connect(bc());
      expect(c.capabilities.writable).toContain('payment');

      metadata = unpublished(real, 'vendorPaymentJournals');
      const err = await connectError(bc());
      expect(err.message).toContain("service 'vendorPaymentJournals' (vendor payment) is not published");
      expect(err.message).toContain("payments: ['RECEIVED']");
      await NavConnector.connect(bc({ payments: ['RECEIVED'] }));
    },
  );
});
