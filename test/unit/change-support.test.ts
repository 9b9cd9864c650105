// Choosing where a change goes: requested systems must be connected and take the entity.
import { describe, expect, it } from 'vitest';
import { targetsFor } from '../../src/sync/pipelines/change-support.js';

describe('targetsFor', () => {
  const connected = { XERO: 'tenant-1', NAV: 'CRONUS' };
  const writable = { XERO: ['customer', 'invoice'], NAV: ['customer', 'invoice', 'salesOrder'] };

  it('defaults to every connected system that takes the entity', () => {
    expect(targetsFor(null, 'salesOrder', connected, writable)).toEqual({ systems: ['NAV'] });
    expect(targetsFor(undefined, 'invoice', connected, writable)).toEqual({ systems: ['XERO', 'NAV'] });
  });

  it('refuses a system that is not connected or does not take the entity, naming the field', () => {
    expect(targetsFor(['XERO'], 'salesOrder', connected, writable)).toEqual({
      userErrors: [
        {
          field: ['options', 'targets'],
          code: 'NOT_SUPPORTED',
          message: 'XERO does not take salesOrder records from ledgerbridge.',
        },
      ],
    });
    expect(targetsFor(['NAV'], 'invoice', { XERO: 'tenant-1' }, writable)).toMatchObject({
      userErrors: [{ code: 'NOT_CONNECTED' }],
    });
  });

  it('takes each requested system once', () => {
    expect(targetsFor(['NAV', 'NAV'], 'customer', connected, writable)).toEqual({ systems: ['NAV'] });
  });
});
