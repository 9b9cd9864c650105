// Conformance of the BC dialect with a real Business Central API v2.0 $metadata: every served
// entity set exists, every emitted property exists in the real EntityType with a compatible EDM
// type, and the real key properties are present. The reference file is third-party and read at
// run time; when it is absent these checks are skipped.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedFile } from '../../support/shared.js';
import { startSandbox, type Sandbox } from './helpers.js';

interface RealType {
  keys: string[];
  props: Map<string, string>;
  navs: Set<string>;
}

const metadataFile = sharedFile('nav-metadata/bc-api-v2.0-metadata.xml');
const customerSample = sharedFile('nav-metadata/samples/customer.json');

function loadReal(file: string): {
  types: Map<string, RealType>;
  sets: Map<string, string>;
  enums: Map<string, string[]>;
} {
  const xml = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name, _path, _leaf, isAttribute) =>
      !isAttribute &&
      [
        'EntityType',
        'Property',
        'PropertyRef',
        'NavigationProperty',
        'EntitySet',
        'EnumType',
        'Member',
      ].includes(name),
  }).parse(readFileSync(file, 'utf8')) as Record<string, never>;
  const schema = (xml['edmx:Edmx'] as unknown as Record<string, Record<string, Record<string, unknown>>>)[
    'edmx:DataServices'
  ]!.Schema! as {
    EntityType: {
      Name: string;
      Key?: { PropertyRef: { Name: string }[] };
      Property?: { Name: string; Type: string }[];
      NavigationProperty?: { Name: string }[];
    }[];
    EnumType: { Name: string; Member: { Name: string }[] }[];
    EntityContainer: { EntitySet: { Name: string; EntityType: string }[] };
  };
  const types = new Map<string, RealType>();
  for (const t of schema.EntityType) {
    types.set(t.Name, {
      keys: (t.Key?.PropertyRef ?? []).map((k) => k.Name),
      props: new Map((t.Property ?? []).map((p) => [p.Name, p.Type])),
      navs: new Set((t.NavigationProperty ?? []).map((n) => n.Name)),
    });
  }
  const sets = new Map(
    schema.EntityContainer.EntitySet.map((s) => [s.Name, s.EntityType.replace('Microsoft.NAV.', '')]),
  );
  const enums = new Map(schema.EnumType.map((e) => [e.Name, e.Member.map((m) => m.Name)]));
  return { types, sets, enums };
}

/** The JSON value kinds each EDM type may take on the wire. */
function compatible(edmType: string, value: unknown, enums: Map<string, string[]>): boolean {
  if (value === null) return true;
  if (edmType.startsWith('Microsoft.NAV.')) {
    const members = enums.get(edmType.slice('Microsoft.NAV.'.length));
    return typeof value === 'string' && members !== undefined && members.includes(value);
  }
  switch (edmType) {
    case 'Edm.Guid':
      return (
        typeof value === 'string' &&
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)
      );
    case 'Edm.String':
      return typeof value === 'string';
    case 'Edm.Decimal':
    case 'Edm.Double':
      return typeof value === 'number';
    case 'Edm.Int32':
    case 'Edm.Int64':
      return typeof value === 'number' && Number.isInteger(value);
    case 'Edm.Boolean':
      return typeof value === 'boolean';
    case 'Edm.Date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'Edm.DateTimeOffset':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value);
    default:
      return false;
  }
}

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe.skipIf(metadataFile === null)('BC entities conform to the real API v2.0 $metadata', () => {
  it('serves only real entity sets, real properties with compatible types, and the real keys', async () => {
    const real = loadReal(metadataFile!);
    const service = await sb.json<{ value: { name: string }[] }>('/BC/api/v2.0/');
    const served = service.body.value.map((v) => v.name);
    expect(served.length).toBeGreaterThan(10);
    const nested: [string, string, string][] = [
      ['salesInvoices', 'salesInvoiceLines', 'salesInvoiceLine'],
      ['salesOrders', 'salesOrderLines', 'salesOrderLine'],
      ['purchaseInvoices', 'purchaseInvoiceLines', 'purchaseInvoiceLine'],
      ['dimensions', 'dimensionValues', 'dimensionValue'],
      ['customerPaymentJournals', 'customerPayments', 'customerPayment'],
      ['journals', 'journalLines', 'journalLine'],
    ];
    // Make sure every set has at least one row: a default dimension, a payment and a journal line.
    const dim = (await sb.json<{ value: { id: string }[] }>(`${sb.bc}/dimensions`)).body.value[0]!;
    const dimValue = (
      await sb.json<{ value: { id: string }[] }>(`${sb.bc}/dimensions(${dim.id})/dimensionValues`)
    ).body.value[0]!;
    await sb.json(`${sb.bc}/defaultDimensions`, {
      method: 'POST',
      body: {
        parentType: 'Customer',
        parentId: '00000000-0000-4000-8000-0000000c0001',
        dimensionId: dim.id,
        dimensionValueId: dimValue.id,
      },
    });
    const cpj = (await sb.json<{ value: { id: string }[] }>(`${sb.bc}/customerPaymentJournals`)).body
      .value[0]!;
    await sb.json(`${sb.bc}/customerPaymentJournals(${cpj.id})/customerPayments`, {
      method: 'POST',
      body: { customerNumber: 'C00030', amount: 10 },
    });
    const jnl = (await sb.json<{ value: { id: string }[] }>(`${sb.bc}/journals`)).body.value[0]!;
    await sb.json(`${sb.bc}/journals(${jnl.id})/journalLines`, {
      method: 'POST',
      body: { accountNumber: '6410', amount: 1 },
    });
    await sb.json(`${sb.bc}/purchaseInvoices`, {
      method: 'POST',
      body: {
        vendorNumber: 'V00010',
        purchaseInvoiceLines: [{ lineType: 'Item', lineObjectNumber: '1000', quantity: 1 }],
      },
    });

    const check = (setName: string, typeName: string, rows: Record<string, unknown>[]) => {
      const type = real.types.get(typeName);
      expect(type, `entity type ${typeName}`).toBeDefined();
      expect(rows.length, `rows of ${setName}`).toBeGreaterThan(0);
      for (const row of rows) {
        for (const key of type!.keys) expect(row, `${setName} key ${key}`).toHaveProperty(key);
        for (const [prop, value] of Object.entries(row)) {
          if (prop.startsWith('@odata.')) continue;
          const edm = type!.props.get(prop);
          if (edm === undefined) {
            expect(type!.navs.has(prop), `${typeName}.${prop} exists in the real metadata`).toBe(true);
            continue;
          }
          expect(
            compatible(edm, value, real.enums),
            `${typeName}.${prop}: ${JSON.stringify(value)} as ${edm}`,
          ).toBe(true);
        }
      }
    };

    for (const setName of served) {
      const typeName = real.sets.get(setName);
      expect(typeName, `entity set ${setName} exists in the real metadata`).toBeDefined();
      if (setName === 'subscriptions') continue; // environment-level, covered by the webhook tests
      const path = setName === 'companies' ? '/BC/api/v2.0/companies' : `${sb.bc}/${setName}`;
      check(setName, typeName!, (await sb.json<{ value: Record<string, unknown>[] }>(path)).body.value);
    }
    for (const [parentSet, nav, typeName] of nested) {
      expect(real.types.get(real.sets.get(parentSet)!)!.navs.has(nav), `${parentSet}/${nav}`).toBe(true);
      const rows = (
        await sb.json<{ value: Record<string, unknown>[] }>(`${sb.bc}/${parentSet}?$expand=${nav}`)
      ).body.value.flatMap((p) => p[nav] as Record<string, unknown>[]);
      check(`${parentSet}/${nav}`, typeName, rows);
    }
  });

  it('declares bound actions that exist in the real metadata', async () => {
    const real = readFileSync(metadataFile!, 'utf8');
    const ours = await (await sb.call('/BC/api/v2.0/$metadata')).text();
    const actions = [
      ...ours.matchAll(
        /<Action Name="(\w+)" IsBound="true">\s*<Parameter Name="bindingParameter" Type="([\w.]+)"/g,
      ),
    ].map((m) => [m[1], m[2]]);
    expect(actions.length).toBeGreaterThanOrEqual(4);
    for (const [name, type] of actions) {
      expect(real).toMatch(
        new RegExp(
          `<Action Name="${name!}" IsBound="true">\\s*<Parameter Name="bindingParameter" Type="${type!.replace(/\./g, '\\.')}"`,
        ),
      );
    }
  });
});

describe.skipIf(customerSample === null)('a served customer has the shape of a captured BC customer', () => {
  it('has the same properties, value kinds and etag format as samples/customer.json', async () => {
    const sample = JSON.parse(readFileSync(customerSample!, 'utf8')) as Record<string, unknown>;
    const served = (
      await sb.json<Record<string, unknown>>(`${sb.bc}/customers(00000000-0000-4000-8000-0000000c0001)`)
    ).body;
    expect(Object.keys(served).sort()).toEqual(Object.keys(sample).sort());
    for (const key of Object.keys(sample)) expect(typeof served[key], key).toBe(typeof sample[key]);
    expect(served['@odata.context']).toMatch(/\$metadata#companies\([0-9a-f-]{36}\)\/customers\/\$entity$/);
    expect(sample['@odata.context']).toMatch(/\$metadata#companies\([0-9a-f-]{36}\)\/customers\/\$entity$/);
    const decode = (tag: unknown) =>
      Buffer.from(/^W\/"(.*)"$/.exec(String(tag))![1]!, 'base64').toString('utf8');
    const shape = /^'(\d+);(\d+);00;'$/;
    expect(decode(sample['@odata.etag'])).toMatch(shape);
    const [, len, digits] = shape.exec(decode(served['@odata.etag']))!;
    expect(Number(len)).toBe(digits!.length);
    expect(served.blocked).toBe(sample.blocked);
  });
});
