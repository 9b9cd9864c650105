// What each way of resolving a conflict would write where, so a person can choose before acting.
// Master data is resolved through the API (KEEP_LOCAL pushes the mirror's version, KEEP_REMOTE
// takes the system's); documents and payments are books of record: they are put right in the
// system that holds them (a credit note, a removed allocation), and the gateway follows.
import type { ResolutionPlan } from '../../store/conflicts.js';

const MASTER = new Set(['CUSTOMER', 'VENDOR', 'ITEM', 'DIMENSION']);
const systemsOther = (all: readonly string[], system: string) => all.filter((s) => s !== system);

/** A push the system refused (stale version, a changed record): push ours again, or take theirs. */
export function pushConflictPlans(
  entityType: string,
  system: string,
  systems: readonly string[],
): ResolutionPlan[] {
  if (!MASTER.has(entityType)) return documentPlans(system, systems, `${system} refused our version`);
  return [
    {
      resolution: 'KEEP_LOCAL',
      writes: [
        { system, action: 'UPDATE', summary: `push the gateway's version over what ${system} holds now` },
        { system: 'GATEWAY', action: 'NONE', summary: 'the mirror keeps its version' },
      ],
    },
    {
      resolution: 'KEEP_REMOTE',
      writes: [
        { system: 'GATEWAY', action: 'UPDATE', summary: `take ${system}'s version into the mirror` },
        ...systemsOther(systems, system).map((s) => ({
          system: s,
          action: 'UPDATE' as const,
          summary: `push ${system}'s version on to ${s}`,
        })),
        { system, action: 'NONE', summary: `${system} keeps what it holds` },
      ],
    },
  ];
}

/**
 * A document or payment the system holds in a state we may not change (posted, paid, allocated):
 * either side's version is made true by a person in the system that must change.
 */
export function documentPlans(system: string, systems: readonly string[], why: string): ResolutionPlan[] {
  const others = systemsOther(systems, system);
  return [
    {
      resolution: 'KEEP_LOCAL',
      writes: [
        {
          system,
          action: 'MANUAL',
          summary: `${why}: the gateway cannot write its version there; a person makes ${system} match it (remove the allocations and edit it, or credit it and issue it anew), and the next read links it`,
        },
        { system: 'GATEWAY', action: 'NONE', summary: 'the mirror keeps its version' },
      ],
    },
    {
      resolution: 'KEEP_REMOTE',
      writes: [
        { system, action: 'NONE', summary: `${system} keeps what it holds` },
        ...others.map((s) => ({
          system: s,
          action: 'MANUAL' as const,
          summary: `bring ${s} to ${system}'s version (a credit note or correcting document there); the gateway reads it back and links it`,
        })),
      ],
    },
  ];
}

/** A record linked in `system` that a full read no longer finds there. */
export function deletionPlans(system: string, systems: readonly string[]): ResolutionPlan[] {
  return [
    {
      resolution: 'KEEP_LOCAL',
      writes: [
        {
          system,
          action: 'MANUAL',
          summary: `restore it in ${system} (or unhide it); the next read links it again`,
        },
        { system: 'GATEWAY', action: 'NONE', summary: 'the mirror keeps the record' },
      ],
    },
    {
      resolution: 'KEEP_REMOTE',
      writes: [
        { system, action: 'NONE', summary: `${system} stays without it` },
        ...systemsOther(systems, system).map((s) => ({
          system: s,
          action: 'MANUAL' as const,
          summary: `delete, void or block it in ${s} too: nothing is deleted there on this evidence alone`,
        })),
      ],
    },
  ];
}
