// BC webhook resources as BC writes them (relative or absolute, with or without a leading slash,
// a record key or a collection's filter), and the constant-time clientState comparison.
import { describe, expect, it } from 'vitest';
import { parseBcResource, sameBcResource } from '../../../../src/systems/nav/subscriptions.js';
import { sameSecret } from '../../../../src/systems/nav/bc-webhooks.js';

const company = 'B18AED47-C385-49D2-B954-DBDF8AD71780';

describe('BC webhook resources', () => {
  it('reads the company, entity set and record of a notification', () => {
    expect(
      parseBcResource(`api/v2.0/companies(${company})/items(26814998-936A-401C-81C1-0E848A64971D)`),
    ).toEqual({
      companyId: company.toLowerCase(),
      entitySet: 'items',
      id: '26814998-936a-401c-81c1-0e848a64971d',
    });
  });

  it("reads a collection notification's filter", () => {
    expect(
      parseBcResource(
        `/api/v2.0/companies(${company})/salesInvoices?$filter=lastModifiedDateTime%20gt%202018-10-15T11:00:00Z`,
      ),
    ).toEqual({
      companyId: company.toLowerCase(),
      entitySet: 'salesInvoices',
      query: '$filter=lastModifiedDateTime gt 2018-10-15T11:00:00Z',
    });
  });

  it('matches a subscription resource however BC normalised it', () => {
    const ours = `/api/v2.0/companies(${company.toLowerCase()})/customers`;
    expect(sameBcResource(ours, `api/v2.0/companies(${company})/customers`)).toBe(true);
    expect(
      sameBcResource(
        ours,
        `https://api.businesscentral.dynamics.com/v2.0/t/production/api/v2.0/companies(${company})/customers`,
      ),
    ).toBe(true);
    expect(sameBcResource(ours, `api/v2.0/companies(${company})/vendors`)).toBe(false);
    expect(sameBcResource(ours, `api/v2.0/companies(00000000-0000-0000-0000-000000000001)/customers`)).toBe(
      false,
    );
    expect(parseBcResource('api/v2.0/customers')).toBeNull();
  });
});

describe('clientState comparison', () => {
  it('accepts only the same non-empty secret, whatever the lengths', () => {
    expect(sameSecret('s3cret-state', 's3cret-state')).toBe(true);
    expect(sameSecret('s3cret-statf', 's3cret-state')).toBe(false);
    expect(sameSecret('s3cret', 's3cret-state')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
    expect(sameSecret('x', '')).toBe(false);
  });
});
