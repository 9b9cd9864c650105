// Source of truth per entity and field: which system's word counts when a change comes in. An
// entity or field owned by one system is not taken from the other; that system is set right
// instead (our next push carries the owner's value). What has no owner is last-writer-wins.
// Configured in the lookups file under `ownership`, e.g.
//   ownership:
//     customer: { creditLimit: NAV }   # NAV decides credit limits
//     item: NAV                        # items are maintained in NAV only
import { readFile } from 'node:fs/promises';
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';
import { sourceSystems, type SourceSystem } from '../../systems/registry.js';
import type { MasterEntity } from '../pipelines/master-data/entities.js';

const system = z.enum(sourceSystems);
const entityOwnership = z.union([system, z.record(z.string().min(1), system)]);

export const ownershipSchema = z
  .object({ customer: entityOwnership, vendor: entityOwnership, item: entityOwnership })
  .partial()
  .strict();
export type OwnershipRules = z.output<typeof ownershipSchema>;

/** What a change from `system` may not touch: the whole record, some fields, or nothing. */
export type Foreign = { all: true; owner: SourceSystem } | { all: false; fields: string[] };

export class Ownership {
  constructor(readonly rules: OwnershipRules = {}) {}

  static async fromFile(file: string): Promise<Ownership> {
    const text = await readFile(file, 'utf8');
    const raw = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as {
      ownership?: unknown;
    } | null;
    const parsed = ownershipSchema.safeParse(raw?.ownership ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  - ownership.${i.path.join('.')}: ${i.message}`);
      throw new Error(`Invalid ownership rules in ${file}:\n${problems.join('\n')}`);
    }
    return new Ownership(parsed.data);
  }

  /** What of `entity` another system owns, seen from a change coming from `from`. */
  foreignTo(entity: MasterEntity, from: SourceSystem): Foreign {
    const rule = this.rules[entity];
    if (!rule) return { all: false, fields: [] };
    if (typeof rule === 'string')
      return rule === from ? { all: false, fields: [] } : { all: true, owner: rule };
    return {
      all: false,
      fields: Object.entries(rule)
        .filter(([, owner]) => owner !== from)
        .map(([field]) => field),
    };
  }
}
