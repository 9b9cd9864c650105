// An inbound customer that is another business's twin: new in the system it came from, with no
// number of its own (a numbered NAV customer is its own record by definition, even when it shares
// an accounts e-mail), sharing an e-mail (or a normalised name) with a customer already linked
// there to a different record.
// Linking it would merge two records of that system into one; creating it in the other book
// would make the duplicate the finance team has to clean up. It is held instead: kept in the
// mirror, linked only where it came from, and recorded as a conflict a person resolves —
// KEEP_LOCAL creates it in the other book as its own customer, KEEP_REMOTE leaves it out there.
import type { PartyDraft } from '../../../systems/system.js';
import { emailKey, nameKey } from '../../../domain/match-keys.js';
import type { NewConflict } from '../../../store/conflicts.js';
import type { MasterData } from '../../../store/master-data.js';
import type { LinkKey, SyncLinks } from '../../../store/sync-links.js';
import type { MasterEntity } from './entities.js';

export interface Twin {
  id: string;
  number: string | null;
  name: string;
  /** The field both share: `email` or `name`. */
  field: 'email' | 'name';
}

/** The customer already linked in the source that this new record duplicates, if any. */
export async function linkedTwin(
  deps: { master: MasterData; links: SyncLinks },
  entity: MasterEntity,
  data: PartyDraft,
  source: LinkKey,
): Promise<Twin | null> {
  if (entity !== 'customer') return null;
  const email = emailKey(data.email);
  const name = nameKey(data.name);
  const found = await deps.master.customerCandidates(name, email);
  if (found.length === 0) return null;
  const links = await deps.links.forEntities(
    source.entityType,
    found.map((c) => c.id),
  );
  const linkedHere = new Set(
    links.filter((l) => l.system === source.system && l.tenant === source.tenant).map((l) => l.entityId),
  );
  const taken = found.filter((c) => linkedHere.has(c.id));
  const byEmail = email ? taken.find((c) => c.matchEmail === email) : undefined;
  const byName = name ? taken.find((c) => c.matchName === name) : undefined;
  const twin = byEmail ?? byName;
  return twin
    ? { id: twin.id, number: twin.number, name: twin.name, field: byEmail ? 'email' : 'name' }
    : null;
}

/** The conflict that holds the new record back from `target` until a person decides. */
export function twinConflict(
  key: {
    entityType: NewConflict['entityType'];
    entityId: string;
    system: NewConflict['system'];
    tenant: string;
  },
  source: string,
  data: PartyDraft,
  twin: Twin,
): NewConflict {
  const shared = twin.field === 'email' ? data.email : data.name;
  const who = `${twin.name}${twin.number ? ` (${twin.number})` : ''}`;
  return {
    ...key,
    differences: [{ field: twin.field, local: `${who}: ${shared}`, remote: `${data.name}: ${shared}` }],
    resolutions: [
      {
        resolution: 'KEEP_LOCAL',
        writes: [
          {
            system: key.system,
            action: 'CREATE',
            summary: `a separate business: create ${data.name} in ${key.system} as its own customer`,
          },
        ],
      },
      {
        resolution: 'KEEP_REMOTE',
        writes: [
          {
            system: key.system,
            action: 'NONE',
            summary: `the same business as ${who}: nothing is created in ${key.system}; merge the two contacts in ${source}`,
          },
        ],
      },
    ],
    local: { duplicateOf: twin.id, number: twin.number, name: twin.name },
    remote: { system: source, name: data.name, email: data.email, number: data.number },
  };
}
