// Record → Xero JSON. Field order follows Xero's responses; optional fields are left out when empty,
// as Xero does.
import { Decimal } from 'decimal.js';
import { dayString, isoSeconds, msDate, msDay } from './dates.js';
import { wireNumber, type WireNumber } from './json.js';
import type {
  AccountRec,
  ContactRec,
  CreditNoteRec,
  InvoiceRec,
  ItemDetailsRec,
  ItemRec,
  JournalRec,
  LineRec,
  LineTrackingRec,
  ManualJournalRec,
  PaymentRec,
  TaxRateRec,
  TenantState,
  TrackingCategoryRec,
} from './state.js';

type Wire = Record<string, unknown>;

function defined(o: Wire): Wire {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

const money = (d: Decimal): WireNumber => wireNumber(d, 2);
const rate6 = (d: Decimal): WireNumber => wireNumber(d, 6);

const ADDRESS_TYPES = ['POBOX', 'STREET'] as const;
const PHONE_TYPES = ['DEFAULT', 'DDI', 'FAX', 'MOBILE'] as const;

export function contactBalances(t: TenantState, contactId: string, today: string) {
  const sums = { ACCREC: [new Decimal(0), new Decimal(0)], ACCPAY: [new Decimal(0), new Decimal(0)] };
  for (const inv of t.invoices.values()) {
    if (inv.ContactID !== contactId || inv.Status !== 'AUTHORISED') continue;
    const s = sums[inv.Type];
    s[0] = (s[0] ?? new Decimal(0)).plus(inv.AmountDue);
    if (inv.DueDate && inv.DueDate < today) s[1] = (s[1] ?? new Decimal(0)).plus(inv.AmountDue);
  }
  const pair = (p: Decimal[]) => ({
    Outstanding: money(p[0] ?? new Decimal(0)),
    Overdue: money(p[1] ?? new Decimal(0)),
  });
  return { AccountsReceivable: pair(sums.ACCREC), AccountsPayable: pair(sums.ACCPAY) };
}

export function contactWire(c: ContactRec, t: TenantState, today: string, full = true): Wire {
  const terms: Wire = {};
  if (c.PaymentTermsBillsDays !== undefined)
    terms.Bills = { Day: c.PaymentTermsBillsDays, Type: c.PaymentTermsBillsType ?? 'DAYSAFTERBILLDATE' };
  if (c.PaymentTermsSalesDays !== undefined)
    terms.Sales = { Day: c.PaymentTermsSalesDays, Type: c.PaymentTermsSalesType ?? 'DAYSAFTERBILLDATE' };
  return defined({
    ContactID: c.ContactID,
    ContactNumber: c.ContactNumber,
    AccountNumber: c.AccountNumber,
    ContactStatus: c.ContactStatus,
    Name: c.Name,
    FirstName: c.FirstName,
    LastName: c.LastName,
    EmailAddress: c.EmailAddress,
    BankAccountDetails: '',
    TaxNumber: c.TaxNumber,
    AccountsReceivableTaxType: c.AccountsReceivableTaxType,
    AccountsPayableTaxType: c.AccountsPayableTaxType,
    Addresses: ADDRESS_TYPES.map((type) =>
      defined({ ...(c.Addresses.find((a) => a.AddressType === type) ?? {}), AddressType: type }),
    ),
    Phones: PHONE_TYPES.map((type) =>
      defined({ ...(c.Phones.find((p) => p.PhoneType === type) ?? {}), PhoneType: type }),
    ),
    UpdatedDateUTC: msDate(c.UpdatedDateUTC),
    ContactGroups: [],
    IsSupplier: c.IsSupplier,
    IsCustomer: c.IsCustomer,
    DefaultCurrency: c.DefaultCurrency,
    SalesDefaultAccountCode: c.SalesDefaultAccountCode,
    PurchasesDefaultAccountCode: c.PurchasesDefaultAccountCode,
    PaymentTerms: Object.keys(terms).length ? terms : undefined,
    Balances: full ? contactBalances(t, c.ContactID, today) : undefined,
    ContactPersons: [],
    HasAttachments: false,
    HasValidationErrors: false,
  });
}

/** The contact as embedded in a document. */
export function contactRef(t: TenantState, contactId: string): Wire {
  const c = t.contacts.get(contactId);
  return defined({
    ContactID: contactId,
    ContactNumber: c?.ContactNumber,
    Name: c?.Name,
    Addresses: [],
    Phones: [],
    ContactGroups: [],
    ContactPersons: [],
    HasValidationErrors: false,
  });
}

function trackingWire(tr: LineTrackingRec[]): Wire[] {
  return tr.map((x) => ({
    Name: x.Name,
    Option: x.Option,
    TrackingCategoryID: x.TrackingCategoryID,
    TrackingOptionID: x.TrackingOptionID,
  }));
}

export function lineWire(l: LineRec, unitdp: 2 | 4): Wire {
  return defined({
    LineItemID: l.LineItemID,
    Description: l.Description,
    Quantity: wireNumber(l.Quantity, 4),
    UnitAmount: wireNumber(l.UnitAmount, unitdp),
    ItemCode: l.ItemCode,
    AccountCode: l.AccountCode,
    AccountID: l.AccountID,
    TaxType: l.TaxType,
    TaxAmount: money(l.TaxAmount),
    LineAmount: money(l.LineAmount),
    DiscountRate: l.DiscountRate ? wireNumber(l.DiscountRate, 2) : undefined,
    DiscountAmount: l.DiscountAmount ? money(l.DiscountAmount) : undefined,
    Tracking: trackingWire(l.Tracking),
  });
}

export function paymentRef(p: PaymentRec): Wire {
  return defined({
    PaymentID: p.PaymentID,
    Date: msDay(p.Date),
    Amount: money(p.Amount),
    Reference: p.Reference,
    CurrencyRate: rate6(p.CurrencyRate),
    HasAccount: false,
    HasValidationErrors: false,
  });
}

export function invoiceWire(inv: InvoiceRec, t: TenantState, unitdp: 2 | 4, full = true): Wire {
  const payments = inv.PaymentIDs.map((id) => t.payments.get(id)).filter(
    (p): p is PaymentRec => p?.Status === 'AUTHORISED',
  );
  return defined({
    Type: inv.Type,
    InvoiceID: inv.InvoiceID,
    InvoiceNumber: inv.InvoiceNumber,
    Reference: inv.Reference ?? '',
    Payments: payments.map(paymentRef),
    CreditNotes: inv.CreditAllocations.map((a) => {
      const cn = t.creditNotes.get(a.CreditNoteID);
      return defined({
        CreditNoteID: a.CreditNoteID,
        CreditNoteNumber: cn?.CreditNoteNumber,
        AppliedAmount: money(a.Amount),
        Date: msDay(a.Date),
        Total: cn ? money(cn.Total) : undefined,
      });
    }),
    Prepayments: [],
    Overpayments: [],
    AmountDue: money(inv.AmountDue),
    AmountPaid: money(inv.AmountPaid),
    AmountCredited: money(inv.AmountCredited),
    SentToContact: inv.SentToContact,
    CurrencyRate: rate6(inv.CurrencyRate),
    IsDiscounted: inv.TotalDiscount !== undefined,
    HasAttachments: false,
    HasErrors: false,
    Url: inv.Url,
    Contact: contactRef(t, inv.ContactID),
    DateString: dayString(inv.Date),
    Date: msDay(inv.Date),
    DueDateString: inv.DueDate ? dayString(inv.DueDate) : undefined,
    DueDate: inv.DueDate ? msDay(inv.DueDate) : undefined,
    ExpectedPaymentDate: inv.ExpectedPaymentDate ? msDay(inv.ExpectedPaymentDate) : undefined,
    PlannedPaymentDate: inv.PlannedPaymentDate ? msDay(inv.PlannedPaymentDate) : undefined,
    BrandingThemeID: inv.BrandingThemeID,
    Status: inv.Status,
    LineAmountTypes: inv.LineAmountTypes,
    LineItems: full ? inv.LineItems.map((l) => lineWire(l, unitdp)) : [],
    SubTotal: money(inv.SubTotal),
    TotalTax: money(inv.TotalTax),
    Total: money(inv.Total),
    TotalDiscount: inv.TotalDiscount ? money(inv.TotalDiscount) : undefined,
    UpdatedDateUTC: msDate(inv.UpdatedDateUTC),
    UpdatedDateUTCString: isoSeconds(inv.UpdatedDateUTC),
    CurrencyCode: inv.CurrencyCode,
    FullyPaidOnDate: inv.FullyPaidOnDate ? msDay(inv.FullyPaidOnDate) : undefined,
  });
}

export function creditNoteWire(cn: CreditNoteRec, t: TenantState, unitdp: 2 | 4, full = true): Wire {
  const payments = cn.PaymentIDs.map((id) => t.payments.get(id)).filter(
    (p): p is PaymentRec => p?.Status === 'AUTHORISED',
  );
  return defined({
    CreditNoteID: cn.CreditNoteID,
    CreditNoteNumber: cn.CreditNoteNumber,
    Payments: payments.map(paymentRef),
    CurrencyRate: rate6(cn.CurrencyRate),
    Type: cn.Type,
    Reference: cn.Reference ?? '',
    RemainingCredit: money(cn.RemainingCredit),
    Allocations: cn.Allocations.map((a) => {
      const inv = t.invoices.get(a.InvoiceID);
      return {
        AllocationID: a.AllocationID,
        Amount: money(a.Amount),
        Date: msDay(a.Date),
        Invoice: defined({
          InvoiceID: a.InvoiceID,
          InvoiceNumber: inv?.InvoiceNumber,
          Payments: [],
          CreditNotes: [],
          Prepayments: [],
          Overpayments: [],
          HasErrors: false,
          IsDiscounted: false,
          HasAttachments: false,
        }),
        IsDeleted: false,
      };
    }),
    HasAttachments: false,
    HasErrors: false,
    Contact: contactRef(t, cn.ContactID),
    DateString: dayString(cn.Date),
    Date: msDay(cn.Date),
    DueDateString: cn.DueDate ? dayString(cn.DueDate) : undefined,
    DueDate: cn.DueDate ? msDay(cn.DueDate) : undefined,
    Status: cn.Status,
    LineAmountTypes: cn.LineAmountTypes,
    LineItems: full ? cn.LineItems.map((l) => lineWire(l, unitdp)) : [],
    SubTotal: money(cn.SubTotal),
    TotalTax: money(cn.TotalTax),
    Total: money(cn.Total),
    UpdatedDateUTC: msDate(cn.UpdatedDateUTC),
    UpdatedDateUTCString: isoSeconds(cn.UpdatedDateUTC),
    CurrencyCode: cn.CurrencyCode,
    FullyPaidOnDate: cn.FullyPaidOnDate ? msDay(cn.FullyPaidOnDate) : undefined,
    SentToContact: cn.SentToContact,
    BrandingThemeID: cn.BrandingThemeID,
  });
}

export function accountWire(a: AccountRec): Wire {
  return defined({
    AccountID: a.AccountID,
    Code: a.Code,
    Name: a.Name,
    Status: a.Status,
    Type: a.Type,
    TaxType: a.TaxType,
    Description: a.Description,
    Class: a.Class,
    SystemAccount: a.SystemAccount,
    EnablePaymentsToAccount: a.EnablePaymentsToAccount,
    ShowInExpenseClaims: a.ShowInExpenseClaims,
    BankAccountNumber: a.BankAccountNumber,
    BankAccountType: a.Type === 'BANK' ? (a.BankAccountType ?? 'BANK') : '',
    CurrencyCode: a.CurrencyCode,
    ReportingCode: a.ReportingCode,
    HasAttachments: false,
    UpdatedDateUTC: msDate(a.UpdatedDateUTC),
    AddToWatchlist: false,
  });
}

export function paymentWire(p: PaymentRec, t: TenantState): Wire {
  const acc = t.accounts.get(p.AccountID);
  const inv = p.InvoiceID ? t.invoices.get(p.InvoiceID) : undefined;
  const cn = p.CreditNoteID ? t.creditNotes.get(p.CreditNoteID) : undefined;
  return defined({
    PaymentID: p.PaymentID,
    Date: msDay(p.Date),
    BankAmount: money(p.Amount),
    Amount: money(p.Amount),
    Reference: p.Reference,
    CurrencyRate: rate6(p.CurrencyRate),
    PaymentType: p.PaymentType,
    Status: p.Status,
    UpdatedDateUTC: msDate(p.UpdatedDateUTC),
    HasAccount: true,
    IsReconciled: p.IsReconciled,
    Account: acc ? { AccountID: acc.AccountID, Code: acc.Code, Name: acc.Name } : { AccountID: p.AccountID },
    Invoice: inv
      ? defined({
          Type: inv.Type,
          InvoiceID: inv.InvoiceID,
          InvoiceNumber: inv.InvoiceNumber,
          Payments: [],
          CreditNotes: [],
          Prepayments: [],
          Overpayments: [],
          HasErrors: false,
          IsDiscounted: false,
          HasAttachments: false,
          Contact: contactRef(t, inv.ContactID),
          CurrencyCode: inv.CurrencyCode,
        })
      : undefined,
    CreditNote: cn
      ? {
          CreditNoteID: cn.CreditNoteID,
          CreditNoteNumber: cn.CreditNoteNumber,
          Type: cn.Type,
          Contact: contactRef(t, cn.ContactID),
        }
      : undefined,
    HasValidationErrors: false,
  });
}

function detailsWire(d: ItemDetailsRec, unitdp: 2 | 4): Wire {
  return defined({
    UnitPrice: d.UnitPrice ? wireNumber(d.UnitPrice, unitdp) : undefined,
    AccountCode: d.AccountCode,
    COGSAccountCode: d.COGSAccountCode,
    TaxType: d.TaxType,
  });
}

export function itemWire(i: ItemRec, unitdp: 2 | 4): Wire {
  return defined({
    ItemID: i.ItemID,
    Code: i.Code,
    Description: i.Description,
    PurchaseDescription: i.PurchaseDescription,
    UpdatedDateUTC: msDate(i.UpdatedDateUTC),
    PurchaseDetails: detailsWire(i.PurchaseDetails, unitdp),
    SalesDetails: detailsWire(i.SalesDetails, unitdp),
    Name: i.Name,
    IsTrackedAsInventory: i.IsTrackedAsInventory,
    InventoryAssetAccountCode: i.InventoryAssetAccountCode,
    QuantityOnHand: i.QuantityOnHand ? Number(i.QuantityOnHand.toFixed(4)) : undefined,
    TotalCostPool: i.TotalCostPool ? Number(i.TotalCostPool.toFixed(2)) : undefined,
    IsSold: i.IsSold,
    IsPurchased: i.IsPurchased,
  });
}

export function taxRateWire(r: TaxRateRec): Wire {
  return {
    Name: r.Name,
    TaxType: r.TaxType,
    CanApplyToAssets: r.CanApplyToAssets,
    CanApplyToEquity: r.CanApplyToEquity,
    CanApplyToExpenses: r.CanApplyToExpenses,
    CanApplyToLiabilities: r.CanApplyToLiabilities,
    CanApplyToRevenue: r.CanApplyToRevenue,
    DisplayTaxRate: wireNumber(r.Rate, 4),
    EffectiveRate: wireNumber(r.Rate, 4),
    Status: r.Status,
    TaxComponents: [
      { Name: r.Name, Rate: wireNumber(r.Rate, 4), IsCompound: false, IsNonRecoverable: false },
    ],
    ReportTaxType: r.ReportTaxType,
  };
}

export function trackingCategoryWire(c: TrackingCategoryRec, includeArchived: boolean): Wire {
  return {
    Name: c.Name,
    Status: c.Status,
    TrackingCategoryID: c.TrackingCategoryID,
    Options: c.Options.filter((o) => includeArchived || o.Status === 'ACTIVE').map((o) => ({
      TrackingOptionID: o.TrackingOptionID,
      Name: o.Name,
      Status: o.Status,
    })),
  };
}

export function manualJournalWire(m: ManualJournalRec, full = true): Wire {
  return defined({
    Date: msDay(m.Date),
    Status: m.Status,
    LineAmountTypes: m.LineAmountTypes,
    UpdatedDateUTC: msDate(m.UpdatedDateUTC),
    ManualJournalID: m.ManualJournalID,
    Narration: m.Narration,
    Url: m.Url,
    JournalLines: full
      ? m.JournalLines.map((l) =>
          defined({
            Description: l.Description,
            TaxType: l.TaxType,
            TaxAmount: money(l.TaxAmount),
            LineAmount: money(l.LineAmount),
            AccountCode: l.AccountCode,
            AccountID: l.AccountID,
            Tracking: l.Tracking.map((x) => ({
              Name: x.Name,
              Option: x.Option,
              TrackingCategoryID: x.TrackingCategoryID,
              TrackingOptionID: x.TrackingOptionID,
            })),
            IsBlank: false,
          }),
        )
      : [],
    ShowOnCashBasisReports: m.ShowOnCashBasisReports,
    HasAttachments: false,
  });
}

export function journalWire(j: JournalRec): Wire {
  return defined({
    JournalID: j.JournalID,
    JournalDate: msDay(j.JournalDate),
    JournalNumber: j.JournalNumber,
    CreatedDateUTC: msDate(j.CreatedDateUTC),
    Reference: j.Reference,
    SourceID: j.SourceID,
    SourceType: j.SourceType,
    JournalLines: j.JournalLines.map((l) =>
      defined({
        JournalLineID: l.JournalLineID,
        AccountID: l.AccountID,
        AccountCode: l.AccountCode,
        AccountType: l.AccountType,
        AccountName: l.AccountName,
        Description: l.Description,
        NetAmount: money(l.NetAmount),
        GrossAmount: money(l.GrossAmount),
        TaxAmount: money(l.TaxAmount),
        TaxType: l.TaxType,
        TaxName: l.TaxName,
        TrackingCategories: l.TrackingCategories.map((x) => ({
          Name: x.Name,
          Option: x.Option,
          TrackingCategoryID: x.TrackingCategoryID,
          TrackingOptionID: x.TrackingOptionID,
        })),
      }),
    ),
  });
}
