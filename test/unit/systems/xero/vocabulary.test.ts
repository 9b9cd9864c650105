// Xero's vocabulary for parties: a party blocked in NAV is archived in Xero unless the lookups say
// to keep it active; payment terms travel in Xero's form.
import { describe, expect, it } from 'vitest';
import { Lookups, lookupTablesSchema } from '../../../../src/mapping/lookups.js';
import { xeroVocabulary } from '../../../../src/systems/xero/vocabulary.js';
import type { PartyDraft } from '../../../../src/systems/system.js';

const party: PartyDraft = {
  number: 'C1',
  name: 'Blocked Ltd',
  email: null,
  phone: null,
  taxNumber: null,
  currency: 'GBP',
  status: 'BLOCKED',
  paymentTerms: '14 DAYS',
  address: null,
};

describe('Xero vocabulary: parties', () => {
  it('archives a blocked party, and keeps it active when the lookups say so', async () => {
    const demo = await Lookups.fromFile('config/lookups.demo.yaml');
    expect(xeroVocabulary.partyOut(party, demo)).toMatchObject({
      status: 'ARCHIVED',
      paymentTerms: '14 DAYS',
    });
    expect(xeroVocabulary.partyOut(party, null).status).toBe('ARCHIVED');
    const active = new Lookups(lookupTablesSchema.parse({ ...demo.tables, blockedContacts: 'ACTIVE' }));
    expect(xeroVocabulary.partyOut(party, active).status).toBe('BLOCKED'); // written as ACTIVE there
    expect(xeroVocabulary.partyOut({ ...party, status: 'ACTIVE' }, demo).status).toBe('ACTIVE');
  });
});
