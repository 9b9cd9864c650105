// The list of systems ledgerbridge connects: one entry each. Every system enum derives from it (the
// domain's, GraphQL's, the CLI's options; a test holds Prisma's enum to it), and each entry names
// the folder whose module.ts holds the system's code. Adding a system is a folder, one entry here
// and the migration that adds its name to Prisma's SourceSystem enum (docs/architecture.md).
// This file imports nothing, so the domain can derive from it without loading any connector.

export interface SystemEntry<Id extends string = string> {
  /** The name stored in the database and shown in the API. */
  readonly id: Id;
  /** How people call it. */
  readonly name: string;
  /** Loads the system's module (its folder's module.ts). */
  readonly load: () => Promise<{ default: unknown }>;
}

export const systemRegistry = [
  { id: 'XERO', name: 'Xero', load: () => import('./xero/module.js') },
  { id: 'NAV', name: 'Dynamics NAV / Business Central', load: () => import('./nav/module.js') },
] as const satisfies readonly SystemEntry[];

export type SourceSystem = (typeof systemRegistry)[number]['id'];

export const sourceSystems = systemRegistry.map((s) => s.id) as unknown as readonly [
  SourceSystem,
  ...SourceSystem[],
];

export function isSourceSystem(value: string): value is SourceSystem {
  return (sourceSystems as readonly string[]).includes(value);
}
