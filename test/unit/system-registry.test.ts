// The registry is the one list of systems: every enum derives from it, each entry's folder gives
// its module, and a system the pipelines have never heard of is handled through its module alone.
// The stub below is what docs/architecture.md's "Adding a system" checklist produces, minus the
// connector's HTTP: a folder's module, one registry entry, and the migration adding its name.
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { configSchema } from '../../src/config/schema.js';
import { sourceSystemSchema } from '../../src/domain/common.js';
import { SourceSystem as GraphQLSourceSystem } from '../../src/graphql/shared/enums.js';
import { printSchemaSdl } from '../../src/graphql/schema.js';
import { jobSystems } from '../../src/cli/dlq.js';
import { connectedSystems, syncSystems } from '../../src/cli/sync.js';
import { systemRegistry, sourceSystems, type SourceSystem } from '../../src/systems/registry.js';
import { readOrder, registerSystemModule, systemModule, systemModules } from '../../src/systems/modules.js';
import type { SystemModule } from '../../src/systems/module.js';
import type { Connector, DocumentDraft } from '../../src/systems/system.js';
import { demoModeOn } from '../../src/sync/bootstrap.js';
import { partyDraftFor } from '../../src/sync/pipelines/master-data/translate.js';
import { documentForSystem, documentFromSystem } from '../../src/sync/pipelines/documents/translate.js';
import { translatesCodes } from '../../src/sync/pipelines/change-support.js';

const prismaEnum = (): string[] => {
  const schema = readFileSync(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8');
  const body = /enum SourceSystem \{([^}]*)\}/.exec(schema)?.[1] ?? '';
  return body
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
};

describe('the system registry', () => {
  it('is the one list every system enum derives from', async () => {
    expect(sourceSystems).toEqual(['XERO', 'NAV']);
    expect(sourceSystemSchema.options).toEqual([...sourceSystems]);
    expect(Object.values(GraphQLSourceSystem)).toEqual([...sourceSystems]);
    const sdlEnum = /enum SourceSystem \{([^}]*)\}/.exec(await printSchemaSdl())?.[1] ?? '';
    expect(
      sdlEnum
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ).toEqual([...sourceSystems].sort());
    expect([...jobSystems]).toEqual([...sourceSystems]);
    expect([...syncSystems]).toEqual([...sourceSystems]);
    // The database's enum is the one thing a new system migrates.
    expect(prismaEnum()).toEqual([...sourceSystems]);
  });

  it("takes each entry's settings into the one configuration schema", () => {
    const keys = Object.keys(configSchema.shape);
    for (const entry of systemRegistry)
      for (const key of Object.keys(entry.settings.shape)) expect(keys, entry.id).toContain(key);
    // ...with their checks: a configured system names what it still needs.
    expect(() => loadConfig({ XERO_CLIENT_ID: 'app' }, null)).toThrow(
      /XERO_CLIENT_SECRET: required with XERO_CLIENT_ID/,
    );
  });

  it("loads each entry's module from its folder, named by the entry", () => {
    expect(systemModules().map((m) => m.id)).toEqual(systemRegistry.map((e) => e.id));
    for (const module of systemModules()) {
      expect(typeof module.connect).toBe('function');
      expect(module.traits.bookedStatuses.length).toBeGreaterThan(0);
    }
    // NAV numbers master data, so it is read first whatever order systems are named in.
    expect(readOrder(['XERO', 'NAV'])).toEqual(['NAV', 'XERO']);
  });
});

describe('a system the pipelines have never heard of', () => {
  const STUB = 'STUB' as SourceSystem;
  const connected: string[] = [];
  const stub: SystemModule = {
    id: STUB,
    traits: {
      numbersMasterData: false,
      bookedStatuses: ['AUTHORISED'],
      bookedDocumentsImmutable: false,
      dimensions: 'none',
      partiesShareOneList: false,
      refersToPartiesByNumber: false,
    },
    // The stub's own codes: payment terms upper-cased, G/L accounts prefixed.
    vocabulary: {
      translatesCodes: true,
      partyOut: (draft) => ({ ...draft, paymentTerms: draft.paymentTerms?.toUpperCase() ?? null }),
      partyIn: (draft) => ({ ...draft, paymentTerms: draft.paymentTerms?.toLowerCase() ?? null }),
      itemOut: (draft) => draft,
      itemIn: (draft) => draft,
      documentOut: (_kind, doc, party) => ({
        ...doc,
        party,
        lines: doc.lines.map((l) => ({ ...l, accountCode: l.accountCode && `S-${l.accountCode}` })),
      }),
      documentIn: (_kind, doc) => ({
        ...doc,
        lines: doc.lines.map((l) => ({ ...l, accountCode: l.accountCode?.replace(/^S-/, '') ?? null })),
      }),
      paymentAccountOut: (code) => `S-${code}`,
      paymentAccountIn: (code) => code.replace(/^S-/, ''),
    },
    configured: (config) => config.LOG_LEVEL === 'trace',
    connect: () => {
      connected.push(STUB);
      return Promise.resolve({ system: STUB, tenant: 'stub-co' } as Connector);
    },
  };
  beforeAll(() => registerSystemModule(stub));
  const config = loadConfig({ LOG_LEVEL: 'trace' }, null);

  it('is connected when its module says the configuration names it (and demo mode steps aside)', async () => {
    expect(systemModule(STUB)).toBe(stub);
    expect(demoModeOn(config)).toBe(false);
    expect(demoModeOn(loadConfig({}, null))).toBe(true);
    expect(await connectedSystems(config)).toEqual([STUB]);
    expect(readOrder([STUB, 'NAV'])).toEqual(['NAV', STUB]);
  });

  it('has its records translated by its own vocabulary, both ways', () => {
    const party = partyDraftFor(
      STUB,
      { name: 'Fourth Coffee', currency: 'GBP', status: 'ACTIVE', paymentTerms: '30d' },
      null,
      false,
    );
    expect(party.paymentTerms).toBe('30D');
    expect(translatesCodes([STUB])).toBe(true);
    const line = {
      lineNo: 0,
      item: null,
      description: 'Consulting',
      quantity: new Decimal('0.333'),
      unitPrice: new Decimal('33.3333'),
      discountPercent: new Decimal(0),
      accountCode: '6110',
      taxCode: null,
      taxAmount: new Decimal(0),
      lineAmount: new Decimal('11.10'),
      dimensions: {},
    };
    const doc = { number: 'S-1', party: { number: 'C1' }, lines: [line] } as unknown as DocumentDraft;
    const out = documentForSystem(STUB, 'invoice', doc, { externalId: 'p-1' }, null, new Map());
    expect(out.party).toEqual({ externalId: 'p-1' });
    expect(out.lines[0]?.accountCode).toBe('S-6110');
    const back = documentFromSystem(STUB, 'invoice', out, null);
    expect(back.lines[0]).toMatchObject({ lineNo: 1, accountCode: '6110' });
  });

  it('is not in the database enum: that one migration is what adding it takes', () => {
    expect(prismaEnum()).not.toContain(STUB);
  });
});
