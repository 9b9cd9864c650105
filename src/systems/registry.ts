// The list of systems ledgerbridge connects: one entry each. Every system enum derives from it (the
// domain's, GraphQL's, the CLI's options; a test holds Prisma's enum to it), the configuration
// takes each entry's settings, and each entry loads its folder's module.ts. Adding a system is a
// folder, one entry here and the migration that adds its name to Prisma's SourceSystem enum
// (docs/architecture.md). It imports only the systems' settings (zod shapes), never a connector,
// so the domain and the configuration can derive from it.
import type { AnySystemSettings } from './settings.js';
import { navSettings } from './nav/settings.js';
import { xeroSettings } from './xero/settings.js';

export interface SystemEntry<Id extends string = string> {
  /** The name stored in the database and shown in the API. */
  readonly id: Id;
  /** How people call it. */
  readonly name: string;
  /** The environment keys its module reads, and their checks (its folder's settings.ts). */
  readonly settings: AnySystemSettings;
  /** Loads the system's module (its folder's module.ts). */
  readonly load: () => Promise<{ default: unknown }>;
}

export const systemRegistry = [
  { id: 'XERO', name: 'Xero', settings: xeroSettings, load: () => import('./xero/module.js') },
  {
    id: 'NAV',
    name: 'Dynamics NAV / Business Central',
    settings: navSettings,
    load: () => import('./nav/module.js'),
  },
] as const satisfies readonly SystemEntry[];

export type SourceSystem = (typeof systemRegistry)[number]['id'];

export const sourceSystems = systemRegistry.map((s) => s.id) as unknown as readonly [
  SourceSystem,
  ...SourceSystem[],
];

export function isSourceSystem(value: string): value is SourceSystem {
  return (sourceSystems as readonly string[]).includes(value);
}
