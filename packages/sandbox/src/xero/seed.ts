// Loads the neutral demo company into a Xero organisation. Only records with presence.xero are
// loaded. Documents go through the same code paths as API writes, so totals, statuses and journals
// are exactly what the API would have produced.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { DemoCompany, DemoDocument, DemoLine, DemoParty, DemoTaxRate } from '../demo/model.js';
import { ElementInvalid, type Input } from './batch.js';
import type { ApiContext } from './context.js';
import { classOf } from './routes/accounts.js';
import { applyInvoice } from './routes/invoices.js';
import { applyPayment } from './routes/payments.js';
import { MAX_ACTIVE_CATEGORIES } from './routes/tracking.js';
import { TenantState, type AccountRec, type ContactRec, type OrganisationRec } from './state.js';

const COUNTRY: Record<string, [string, string, string]> = {
  GBP: ['GB', 'UK', 'GMTSTANDARDTIME'],
  USD: ['US', 'US', 'EASTERNSTANDARDTIME'],
  AUD: ['AU', 'AU', 'AUSEASTERNSTANDARDTIME'],
  NZD: ['NZ', 'NZ', 'NEWZEALANDSTANDARDTIME'],
  EUR: ['IE', 'GLOBAL', 'GMTSTANDARDTIME'],
};

const CURRENCY_NAMES: Record<string, string> = {
  GBP: 'British Pound',
  USD: 'United States Dollar',
  EUR: 'Euro',
  AUD: 'Australian Dollar',
  NZD: 'New Zealand Dollar',
  CAD: 'Canadian Dollar',
  DKK: 'Danish Krone',
  SEK: 'Swedish Krona',
  NOK: 'Norwegian Krone',
  CHF: 'Swiss Franc',
};

/** Accounts Xero keeps for its own postings; added when the chart does not provide them. */
const SYSTEM_ACCOUNTS: { kind: string; code: string; name: string; type: string; aliases: string[] }[] = [
  { kind: 'DEBTORS', code: '610', name: 'Accounts Receivable', type: 'CURRENT', aliases: ['debtors'] },
  { kind: 'CREDITORS', code: '800', name: 'Accounts Payable', type: 'CURRLIAB', aliases: ['creditors'] },
  { kind: 'GST', code: '820', name: 'Sales Tax', type: 'CURRLIAB', aliases: ['vat', 'gst', 'sales vat'] },
  { kind: 'ROUNDING', code: '860', name: 'Rounding', type: 'CURRLIAB', aliases: [] },
  { kind: 'RETAINEDEARNINGS', code: '960', name: 'Retained Earnings', type: 'EQUITY', aliases: [] },
  {
    kind: 'REALISEDCURRENCYGAIN',
    code: '499',
    name: 'Realised Currency Gains',
    type: 'OVERHEADS',
    aliases: [],
  },
];

function ms(iso: string, fallback: number): number {
  const v = Date.parse(iso);
  return Number.isNaN(v) ? fallback : v;
}

function taxTypeFor(company: DemoCompany, vatGroup: string, side: 'SALES' | 'PURCHASES'): string {
  const candidates = company.taxRates.filter((r) => r.navVatGroup === vatGroup);
  const fit = (r: DemoTaxRate) => r.appliesTo === 'BOTH' || r.appliesTo === side;
  return (candidates.find(fit) ?? candidates[0])?.xeroTaxType ?? 'NONE';
}

function freeCode(t: TenantState, preferred: string): string {
  let code = preferred;
  let n = Number(preferred);
  while (t.accountByCode(code)) code = String(++n);
  return code;
}

function contactRecord(p: DemoParty, company: DemoCompany, supplier: boolean, now: number): ContactRec {
  const terms = company.paymentTerms.find((t) => t.code === p.paymentTermsCode);
  // "Current month" terms are due on the last day of the month: Xero's OFCURRENTMONTH day 31.
  const endOfMonth = terms?.dueDateCalculation === 'CM';
  const days = endOfMonth ? 31 : terms?.days;
  const rec: ContactRec = {
    ContactID: p.id.toLowerCase(),
    // Contacts the accountant created in Xero have no NAV number yet.
    ...(p.presence.nav ? { ContactNumber: p.no } : {}),
    ContactStatus: p.archived ? 'ARCHIVED' : 'ACTIVE',
    Name: p.name,
    Addresses: [
      {
        AddressType: 'POBOX',
        AddressLine1: p.address.line1,
        ...(p.address.line2 ? { AddressLine2: p.address.line2 } : {}),
        City: p.address.city,
        PostalCode: p.address.postalCode,
        ...(p.address.region ? { Region: p.address.region } : {}),
        Country: p.address.country,
      },
    ],
    Phones: p.phone ? [{ PhoneType: 'DEFAULT', PhoneNumber: p.phone }] : [],
    IsCustomer: !supplier,
    IsSupplier: supplier,
    UpdatedDateUTC: ms(p.lastModified, now),
  };
  if (p.email) rec.EmailAddress = p.email;
  if (p.taxNumber) rec.TaxNumber = p.taxNumber;
  if (p.currency !== company.baseCurrency) rec.DefaultCurrency = p.currency;
  if (days !== undefined) {
    const type = endOfMonth ? 'OFCURRENTMONTH' : 'DAYSAFTERBILLDATE';
    if (supplier) {
      rec.PaymentTermsBillsDays = days;
      rec.PaymentTermsBillsType = type;
    } else {
      rec.PaymentTermsSalesDays = days;
      rec.PaymentTermsSalesType = type;
    }
  }
  return rec;
}

function lineInput(company: DemoCompany, t: TenantState, l: DemoLine, side: 'SALES' | 'PURCHASES'): Input {
  const accountOf = (navNo: string) => company.accounts.find((a) => a.navNo === navNo)?.xeroCode;
  const item = l.type === 'Item' ? company.items.find((i) => i.no === l.no) : undefined;
  const accountCode = item
    ? accountOf(side === 'SALES' ? item.salesAccountNo : item.purchaseAccountNo)
    : accountOf(l.no);
  const tracking = Object.entries(l.dimensions).flatMap(([dimCode, valueCode]) => {
    const dim = company.dimensions.find((d) => d.code === dimCode);
    const value = dim?.values.find((v) => v.code === valueCode);
    return dim && value ? [{ Name: dim.name, Option: value.name }] : [];
  });
  const input: Input = {
    Description: l.description,
    Quantity: l.quantity,
    UnitAmount: l.unitPrice,
    TaxType: taxTypeFor(company, l.vatGroup, side),
    Tracking: tracking.filter((tr) =>
      [...t.tracking.values()].some((c) => c.Status === 'ACTIVE' && c.Name === tr.Name),
    ),
  };
  if (item && t.itemByCode(item.no)) input.ItemCode = item.no;
  if (accountCode) input.AccountCode = accountCode;
  if (l.discountPercent !== '0' && l.discountPercent !== '') input.DiscountRate = l.discountPercent;
  return input;
}

function seedError(what: string, err: unknown): Error {
  const detail = err instanceof ElementInvalid ? err.messages.join('; ') : String(err);
  return new Error(`Cannot seed ${what} into the Xero sandbox: ${detail}`);
}

/** Builds an organisation holding the Xero side of a demo company. */
export function seedTenant(company: DemoCompany, now: number): TenantState {
  const [country, version, timezone] = COUNTRY[company.baseCurrency] ?? ['GB', 'GLOBAL', 'GMTSTANDARDTIME'];
  const tenantId = company.id.toLowerCase();
  const sales = company.taxRates.find((r) => r.appliesTo !== 'PURCHASES')?.xeroTaxType ?? 'NONE';
  const purchases = company.taxRates.find((r) => r.appliesTo !== 'SALES')?.xeroTaxType ?? 'NONE';
  const org: OrganisationRec = {
    OrganisationID: tenantId,
    Name: company.name,
    LegalName: company.name,
    ShortCode: `!${tenantId.slice(0, 5)}`,
    BaseCurrency: company.baseCurrency,
    CountryCode: country,
    Version: version,
    Timezone: timezone,
    FinancialYearEndDay: 31,
    FinancialYearEndMonth: 12,
    SalesTaxBasis: 'ACCRUALS',
    SalesTaxPeriod: 'QUARTERLY',
    DefaultSalesTax: 'Tax Exclusive',
    DefaultPurchasesTax: 'Tax Exclusive',
    CreatedDateUTC: now,
  };
  const t = new TenantState(tenantId, org, { id: randomUUID(), createdDateUtc: now, updatedDateUtc: now });

  const codes = [...new Set([company.baseCurrency, ...company.currencies])];
  t.currencies = codes.map((Code) => ({ Code, Description: CURRENCY_NAMES[Code] ?? Code }));

  for (const r of [
    ...company.taxRates,
    { xeroTaxType: 'NONE', name: 'No Tax', ratePercent: '0', appliesTo: 'BOTH' as const, navVatGroup: '' },
  ]) {
    if (t.taxRates.has(r.xeroTaxType)) continue;
    t.taxRates.set(r.xeroTaxType, {
      Name: r.name,
      TaxType: r.xeroTaxType,
      ReportTaxType: r.xeroTaxType === 'NONE' ? 'NONE' : r.appliesTo === 'PURCHASES' ? 'INPUT' : 'OUTPUT',
      Rate: new Decimal(r.ratePercent),
      Status: 'ACTIVE',
      CanApplyToAssets: true,
      CanApplyToEquity: true,
      CanApplyToExpenses: r.appliesTo !== 'SALES',
      CanApplyToLiabilities: true,
      CanApplyToRevenue: r.appliesTo !== 'PURCHASES',
    });
  }

  for (const a of company.accounts) {
    // Accounts absent from Xero (presence.xero false) and repeated codes are not Xero accounts.
    if ((a.presence && !a.presence.xero) || t.accountByCode(a.xeroCode)) continue;
    const cls = a.accountClass;
    const rec: AccountRec = {
      AccountID: randomUUID(),
      Code: a.xeroCode,
      Name: a.name,
      Type: a.isBank ? 'BANK' : a.xeroType,
      Class: cls,
      Status: 'ACTIVE',
      TaxType: cls === 'REVENUE' ? sales : cls === 'EXPENSE' ? purchases : 'NONE',
      EnablePaymentsToAccount: false,
      ShowInExpenseClaims: cls === 'EXPENSE',
      UpdatedDateUTC: now,
    };
    const role = SYSTEM_ACCOUNTS.find(
      (x) => x.name.toLowerCase() === a.name.toLowerCase() || x.aliases.includes(a.name.toLowerCase()),
    );
    if (role && !a.isBank) rec.SystemAccount = role.kind;
    if (a.isBank) {
      rec.BankAccountNumber = `${a.xeroCode}-0000000`;
      rec.BankAccountType = 'BANK';
      rec.CurrencyCode = company.baseCurrency;
    }
    t.accounts.set(rec.AccountID, rec);
  }
  for (const s of SYSTEM_ACCOUNTS) {
    if ([...t.accounts.values()].some((a) => a.SystemAccount === s.kind)) continue;
    const rec: AccountRec = {
      AccountID: randomUUID(),
      Code: freeCode(t, s.code),
      Name: s.name,
      Type: s.type,
      Class: classOf(s.type),
      Status: 'ACTIVE',
      TaxType: 'NONE',
      EnablePaymentsToAccount: false,
      ShowInExpenseClaims: false,
      SystemAccount: s.kind,
      UpdatedDateUTC: now,
    };
    t.accounts.set(rec.AccountID, rec);
  }

  company.dimensions.forEach((d, i) => {
    const id = randomUUID();
    t.tracking.set(id, {
      TrackingCategoryID: id,
      Name: d.name,
      // Xero allows two active tracking categories; further dimensions are kept archived.
      Status: i < MAX_ACTIVE_CATEGORIES ? 'ACTIVE' : 'ARCHIVED',
      Options: d.values.map((v) => ({ TrackingOptionID: randomUUID(), Name: v.name, Status: 'ACTIVE' })),
    });
  });

  for (const p of company.customers.filter((c) => c.presence.xero))
    t.contacts.set(p.id.toLowerCase(), contactRecord(p, company, false, now));
  for (const p of company.vendors.filter((v) => v.presence.xero)) {
    const prior = t.contacts.get(p.id.toLowerCase());
    t.contacts.set(
      p.id.toLowerCase(),
      prior ? { ...prior, IsSupplier: true } : contactRecord(p, company, true, now),
    );
  }

  const accountCode = (navNo: string) => company.accounts.find((a) => a.navNo === navNo)?.xeroCode;
  for (const i of company.items.filter((x) => x.presence.xero)) {
    const salesCode = accountCode(i.salesAccountNo);
    const purchaseCode = accountCode(i.purchaseAccountNo);
    t.items.set(i.id.toLowerCase(), {
      ItemID: i.id.toLowerCase(),
      Code: i.no,
      Name: i.description.slice(0, 50),
      Description: i.description,
      PurchaseDescription: i.description,
      IsSold: !i.blocked,
      IsPurchased: !i.blocked,
      IsTrackedAsInventory: false,
      SalesDetails: {
        UnitPrice: new Decimal(i.unitPrice),
        TaxType: taxTypeFor(company, i.vatGroup, 'SALES'),
        ...(salesCode ? { AccountCode: salesCode } : {}),
      },
      PurchaseDetails: {
        UnitPrice: new Decimal(i.unitCost),
        TaxType: taxTypeFor(company, i.vatGroup, 'PURCHASES'),
        ...(purchaseCode ? { AccountCode: purchaseCode } : {}),
      },
      UpdatedDateUTC: ms(i.lastModified, now),
    });
  }

  const ctxAt = (at: number): ApiContext => ({ tenant: t, now: at, unitdp: 4, providerName: 'seed' });
  const seedDoc = (doc: DemoDocument, type: 'ACCREC' | 'ACCPAY') => {
    const party = (type === 'ACCREC' ? company.customers : company.vendors).find((p) => p.no === doc.partyNo);
    if (!party || !t.contacts.has(party.id.toLowerCase())) return;
    const at = ms(doc.lastModified, now);
    const side = type === 'ACCREC' ? 'SALES' : 'PURCHASES';
    const contact = t.contacts.get(party.id.toLowerCase());
    // Archived contacts cannot take transactions; load their history as if it predated archiving.
    if (contact?.ContactStatus === 'ARCHIVED')
      t.contacts.set(contact.ContactID, { ...contact, ContactStatus: 'ACTIVE' });
    const input: Input = {
      Type: type,
      Contact: { ContactID: party.id.toLowerCase() },
      Date: doc.postingDate,
      DueDate: doc.dueDate,
      LineAmountTypes: doc.pricesIncludeVat ? 'Inclusive' : 'Exclusive',
      CurrencyCode: doc.currency,
      Status: doc.xeroStatus === 'DRAFT' || doc.xeroStatus === 'SUBMITTED' ? doc.xeroStatus : 'AUTHORISED',
      LineItems: doc.lines.map((l) => lineInput(company, t, l, side)),
    };
    if (type === 'ACCREC') input.InvoiceNumber = doc.no;
    else {
      input.Reference = doc.no;
      input.InvoiceNumber = doc.vendorInvoiceNo ?? '';
    }
    try {
      applyInvoice(input, 'create', ctxAt(at), doc.id.toLowerCase());
      if (doc.xeroStatus === 'VOIDED')
        applyInvoice({ InvoiceID: doc.id.toLowerCase(), Status: 'VOIDED' }, 'upsert', ctxAt(at));
    } catch (err) {
      throw seedError(`${type} ${doc.no}`, err);
    } finally {
      if (contact)
        t.contacts.set(contact.ContactID, {
          ...(t.contacts.get(contact.ContactID) ?? contact),
          ContactStatus: contact.ContactStatus,
        });
    }
  };
  for (const d of company.salesInvoices.filter((x) => x.presence.xero)) seedDoc(d, 'ACCREC');
  for (const d of company.purchaseInvoices.filter((x) => x.presence.xero)) seedDoc(d, 'ACCPAY');

  const bankCode = (navNo: string) => accountCode(navNo) ?? company.accounts.find((a) => a.isBank)?.xeroCode;
  for (const p of company.payments.filter((x) => x.presence.xero)) {
    const doc =
      p.direction === 'RECEIVED'
        ? company.salesInvoices.find((d) => d.no === p.documentNo)
        : company.purchaseInvoices.find((d) => d.no === p.documentNo);
    const inv = doc ? t.invoices.get(doc.id.toLowerCase()) : undefined;
    if (!inv || inv.Status !== 'AUTHORISED') continue;
    const code = bankCode(p.bankAccountNo);
    if (!code) continue;
    try {
      applyPayment(
        {
          Invoice: { InvoiceID: inv.InvoiceID },
          Account: { Code: code },
          Date: p.date,
          Amount: p.amount,
          Reference: p.reference,
        },
        ctxAt(ms(`${p.date}T12:00:00Z`, now)),
        p.id.toLowerCase(),
      );
    } catch (err) {
      throw seedError(`payment ${p.id}`, err);
    }
  }

  // Documents marked PAID without (enough) payment data are settled by one payment for the rest.
  const bank = company.accounts.find((a) => a.isBank)?.xeroCode;
  for (const doc of [...company.salesInvoices, ...company.purchaseInvoices].filter(
    (d) => d.presence.xero && d.xeroStatus === 'PAID',
  )) {
    const inv = t.invoices.get(doc.id.toLowerCase());
    if (!inv || inv.Status !== 'AUTHORISED' || !bank || inv.AmountDue.lte(0)) continue;
    applyPayment(
      {
        Invoice: { InvoiceID: inv.InvoiceID },
        Account: { Code: bank },
        Date: doc.dueDate,
        Amount: inv.AmountDue.toFixed(2),
      },
      ctxAt(ms(doc.lastModified, now)),
    );
  }

  t.events.length = 0;
  return t;
}
