// Read-only organisation settings: /Organisation, /Currencies, /TaxRates.
import express, { type Router } from 'express';
import { apiContext, sendEnvelope } from '../context.js';
import { msDate, msDay } from '../dates.js';
import { byField, list } from '../listing.js';
import { queryParam } from '../request.js';
import type { OrganisationRec } from '../state.js';
import { taxRateWire } from '../wire.js';

function organisationWire(o: OrganisationRec): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    APIKey: '',
    Name: o.Name,
    LegalName: o.LegalName,
    PaysTax: true,
    Version: o.Version,
    OrganisationType: 'COMPANY',
    BaseCurrency: o.BaseCurrency,
    CountryCode: o.CountryCode,
    IsDemoCompany: false,
    OrganisationStatus: 'ACTIVE',
    FinancialYearEndDay: o.FinancialYearEndDay,
    FinancialYearEndMonth: o.FinancialYearEndMonth,
    SalesTaxBasis: o.SalesTaxBasis,
    SalesTaxPeriod: o.SalesTaxPeriod,
    DefaultSalesTax: o.DefaultSalesTax,
    DefaultPurchasesTax: o.DefaultPurchasesTax,
    CreatedDateUTC: msDate(o.CreatedDateUTC),
    OrganisationEntityType: 'COMPANY',
    Timezone: o.Timezone,
    ShortCode: o.ShortCode,
    OrganisationID: o.OrganisationID,
    Edition: 'BUSINESS',
    Class: 'PREMIUM',
    LineOfBusiness: 'Demonstration',
    Addresses: [],
    Phones: [],
    ExternalLinks: [],
    PaymentTerms: {},
  };
  if (o.PeriodLockDate) wire.PeriodLockDate = msDay(o.PeriodLockDate);
  if (o.EndOfYearLockDate) wire.EndOfYearLockDate = msDay(o.EndOfYearLockDate);
  return wire;
}

export function settingsRouter(): Router {
  const r = express.Router();
  r.get('/Organisation', (_req, res) => {
    sendEnvelope(res, 'Organisations', [organisationWire(apiContext(res).tenant.org)]);
  });
  r.get('/Currencies', (req, res) => {
    const t = apiContext(res).tenant;
    const out = list(req, {
      records: t.currencies,
      toWire: (c) => ({ ...c }),
      updatedMs: () => 0,
      paged: false,
      defaultOrder: () => 0,
    });
    sendEnvelope(res, 'Currencies', out.items);
  });
  r.get('/TaxRates', (req, res) => {
    const t = apiContext(res).tenant;
    const taxType = queryParam(req, 'TaxType');
    const out = list(req, {
      records: [...t.taxRates.values()].filter((r) => !taxType || r.TaxType === taxType),
      toWire: taxRateWire,
      updatedMs: () => 0,
      paged: false,
      defaultOrder: byField('Name'),
    });
    sendEnvelope(res, 'TaxRates', out.items);
  });
  return r;
}
