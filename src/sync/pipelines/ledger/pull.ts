// Reads each book's general ledger into the mirror: read-only (entries are each book's own and are
// never pushed to another system), a page at a time, incremental by entry number (NAV/BC entry No.,
// Xero journal number) kept in the cursor, so a second run reads only what was posted since.
import { systemModule } from '../../../systems/modules.js';
import type { Connector, LedgerEntryDraft, SourceSystem } from '../../../systems/system.js';
import { UnmappedCodeError, type Lookups } from '../../../mapping/lookups.js';
import type { Cursors } from '../../../store/cursors.js';
import type { LedgerEntryStore } from '../../../store/ledger-entries.js';
import { pollPages, type PollOptions } from '../../runtime/poll.js';

export interface LedgerPullDeps {
  ledger: LedgerEntryStore;
  cursors: Cursors;
  lookups: Lookups | null;
  connectors: Partial<Record<SourceSystem, Connector>>;
  targets: Partial<Record<SourceSystem, string>>;
}

export interface LedgerPullReport {
  /** Entries the system returned. */
  read: number;
  /** Entries new to the mirror. */
  stored: number;
  /** Entries linked to a mirror document in this run (including ones read earlier). */
  linked: number;
}

export class LedgerPuller {
  constructor(private readonly deps: LedgerPullDeps) {}

  async pull(system: SourceSystem, options: PollOptions = {}): Promise<LedgerPullReport> {
    const connector = this.deps.connectors[system];
    const tenant = this.deps.targets[system];
    if (!connector || !tenant) throw new Error(`${system} is not connected`);
    const report: LedgerPullReport = { read: 0, stored: 0, linked: 0 };
    if (!connector.capabilities.entities.includes('ledgerEntry')) return report;
    const translates = systemModule(system).vocabulary.translatesCodes;
    await pollPages(
      connector,
      this.deps.cursors,
      { system, tenant, entityType: 'LEDGER_ENTRY' },
      'ledgerEntry',
      async (records) => {
        report.read += records.length;
        const drafts = records.map((r) => (translates ? this.unified(r.data) : r.data));
        report.stored += await this.deps.ledger.insert(system, tenant, drafts);
      },
      { ...options, sequence: (r) => r.data.entryNo },
    );
    report.linked = await this.deps.ledger.linkDocuments(system, tenant);
    return report;
  }

  /** Dimensions in the unified codes where the tables map them; an unmapped one is kept as read. */
  private unified(draft: LedgerEntryDraft): LedgerEntryDraft {
    const lookups = this.deps.lookups;
    if (!lookups || Object.keys(draft.dimensions).length === 0) return draft;
    const dimensions: Record<string, string> = {};
    for (const [category, option] of Object.entries(draft.dimensions)) {
      try {
        const nav = lookups.dimensionToNav(category, option);
        dimensions[nav.dimension] = nav.value;
      } catch (error) {
        if (!(error instanceof UnmappedCodeError)) throw error;
        dimensions[category] = option;
      }
    }
    return { ...draft, dimensions };
  }
}
