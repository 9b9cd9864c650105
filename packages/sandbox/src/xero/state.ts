// One Xero organisation's books. Records are treated as immutable (an update stores a new object),
// so a batch can be rolled back by restoring shallow copies of the maps taken before it ran.
import type { Decimal } from 'decimal.js';

export type ContactStatus = 'ACTIVE' | 'ARCHIVED' | 'GDPRREQUEST';
export type InvoiceType = 'ACCREC' | 'ACCPAY';
export type CreditNoteType = 'ACCRECCREDIT' | 'ACCPAYCREDIT';
export type DocStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';
export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

export interface AddressRec {
  AddressType: 'POBOX' | 'STREET';
  AddressLine1?: string;
  AddressLine2?: string;
  AddressLine3?: string;
  AddressLine4?: string;
  City?: string;
  Region?: string;
  PostalCode?: string;
  Country?: string;
  AttentionTo?: string;
}

export interface PhoneRec {
  PhoneType: 'DEFAULT' | 'DDI' | 'MOBILE' | 'FAX' | 'OFFICE';
  PhoneNumber?: string;
  PhoneAreaCode?: string;
  PhoneCountryCode?: string;
}

export interface ContactRec {
  ContactID: string;
  ContactNumber?: string;
  AccountNumber?: string;
  ContactStatus: ContactStatus;
  Name: string;
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  TaxNumber?: string;
  DefaultCurrency?: string;
  AccountsReceivableTaxType?: string;
  AccountsPayableTaxType?: string;
  SalesDefaultAccountCode?: string;
  PurchasesDefaultAccountCode?: string;
  PaymentTermsSalesDays?: number;
  PaymentTermsBillsDays?: number;
  /** DAYSAFTERBILLDATE (default), DAYSAFTERBILLMONTH, OFCURRENTMONTH or OFFOLLOWINGMONTH. */
  PaymentTermsSalesType?: string;
  PaymentTermsBillsType?: string;
  Addresses: AddressRec[];
  Phones: PhoneRec[];
  /** Xero derives these from the contact's transactions; the seed marks customers and suppliers. */
  IsCustomer: boolean;
  IsSupplier: boolean;
  UpdatedDateUTC: number;
}

export interface AccountRec {
  AccountID: string;
  Code: string;
  Name: string;
  Type: string;
  Class: 'ASSET' | 'EQUITY' | 'EXPENSE' | 'LIABILITY' | 'REVENUE';
  Status: 'ACTIVE' | 'ARCHIVED';
  TaxType: string;
  Description?: string;
  EnablePaymentsToAccount: boolean;
  ShowInExpenseClaims: boolean;
  BankAccountNumber?: string;
  BankAccountType?: 'BANK' | 'CREDITCARD' | 'PAYPAL' | '';
  CurrencyCode?: string;
  SystemAccount?: string;
  ReportingCode?: string;
  UpdatedDateUTC: number;
}

export interface TaxRateRec {
  Name: string;
  TaxType: string;
  ReportTaxType: string;
  Rate: Decimal;
  Status: 'ACTIVE' | 'DELETED' | 'ARCHIVED';
  CanApplyToAssets: boolean;
  CanApplyToEquity: boolean;
  CanApplyToExpenses: boolean;
  CanApplyToLiabilities: boolean;
  CanApplyToRevenue: boolean;
}

export interface TrackingOptionRec {
  TrackingOptionID: string;
  Name: string;
  Status: 'ACTIVE' | 'ARCHIVED';
}

export interface TrackingCategoryRec {
  TrackingCategoryID: string;
  Name: string;
  Status: 'ACTIVE' | 'ARCHIVED';
  Options: TrackingOptionRec[];
}

export interface ItemDetailsRec {
  UnitPrice?: Decimal;
  AccountCode?: string;
  TaxType?: string;
  COGSAccountCode?: string;
}

export interface ItemRec {
  ItemID: string;
  Code: string;
  Name?: string;
  Description?: string;
  PurchaseDescription?: string;
  IsSold: boolean;
  IsPurchased: boolean;
  IsTrackedAsInventory: boolean;
  /** Tracked items only: the inventory asset account, quantity and value on hand. */
  InventoryAssetAccountCode?: string;
  QuantityOnHand?: Decimal;
  TotalCostPool?: Decimal;
  SalesDetails: ItemDetailsRec;
  PurchaseDetails: ItemDetailsRec;
  UpdatedDateUTC: number;
}

export interface LineTrackingRec {
  TrackingCategoryID: string;
  TrackingOptionID: string;
  Name: string;
  Option: string;
}

export interface LineRec {
  LineItemID: string;
  Description?: string;
  Quantity: Decimal;
  UnitAmount: Decimal;
  ItemCode?: string;
  AccountCode?: string;
  AccountID?: string;
  TaxType: string;
  TaxAmount: Decimal;
  LineAmount: Decimal;
  DiscountRate?: Decimal;
  DiscountAmount?: Decimal;
  Tracking: LineTrackingRec[];
}

export interface Totals {
  SubTotal: Decimal;
  TotalTax: Decimal;
  Total: Decimal;
  TotalDiscount?: Decimal;
}

interface DocumentBase extends Totals {
  ContactID: string;
  Date: string;
  DueDate?: string;
  LineAmountTypes: LineAmountTypes;
  Reference?: string;
  CurrencyCode: string;
  CurrencyRate: Decimal;
  Status: DocStatus;
  SentToContact: boolean;
  BrandingThemeID?: string;
  LineItems: LineRec[];
  FullyPaidOnDate?: string;
  UpdatedDateUTC: number;
  createdMs: number;
}

export interface InvoiceRec extends DocumentBase {
  InvoiceID: string;
  Type: InvoiceType;
  InvoiceNumber: string;
  Url?: string;
  ExpectedPaymentDate?: string;
  PlannedPaymentDate?: string;
  AmountPaid: Decimal;
  AmountCredited: Decimal;
  AmountDue: Decimal;
  PaymentIDs: string[];
  /** Credit-note allocations applied to this invoice. */
  CreditAllocations: { CreditNoteID: string; AllocationID: string; Amount: Decimal; Date: string }[];
}

export interface AllocationRec {
  AllocationID: string;
  InvoiceID: string;
  Amount: Decimal;
  Date: string;
}

export interface CreditNoteRec extends DocumentBase {
  CreditNoteID: string;
  Type: CreditNoteType;
  CreditNoteNumber: string;
  RemainingCredit: Decimal;
  Allocations: AllocationRec[];
  PaymentIDs: string[];
}

export interface PaymentRec {
  PaymentID: string;
  InvoiceID?: string;
  CreditNoteID?: string;
  AccountID: string;
  Date: string;
  Amount: Decimal;
  CurrencyRate: Decimal;
  Reference?: string;
  Status: 'AUTHORISED' | 'DELETED';
  PaymentType: 'ACCRECPAYMENT' | 'ACCPAYPAYMENT' | 'ARCREDITPAYMENT' | 'APCREDITPAYMENT';
  IsReconciled: boolean;
  UpdatedDateUTC: number;
}

export interface ManualJournalLineRec {
  LineAmount: Decimal;
  AccountCode: string;
  AccountID: string;
  Description?: string;
  TaxType: string;
  TaxAmount: Decimal;
  Tracking: LineTrackingRec[];
}

export interface ManualJournalRec {
  ManualJournalID: string;
  Narration: string;
  Date: string;
  Status: 'DRAFT' | 'POSTED' | 'DELETED' | 'VOIDED';
  LineAmountTypes: LineAmountTypes;
  ShowOnCashBasisReports: boolean;
  Url?: string;
  JournalLines: ManualJournalLineRec[];
  UpdatedDateUTC: number;
}

export interface JournalLineRec {
  JournalLineID: string;
  AccountID: string;
  AccountCode: string;
  AccountType: string;
  AccountName: string;
  Description: string;
  NetAmount: Decimal;
  GrossAmount: Decimal;
  TaxAmount: Decimal;
  TaxType?: string;
  TaxName?: string;
  TrackingCategories: LineTrackingRec[];
}

export interface JournalRec {
  JournalID: string;
  JournalNumber: number;
  JournalDate: string;
  CreatedDateUTC: number;
  Reference?: string;
  SourceID: string;
  SourceType: string;
  JournalLines: JournalLineRec[];
}

export interface OrganisationRec {
  OrganisationID: string;
  Name: string;
  LegalName: string;
  ShortCode: string;
  BaseCurrency: string;
  CountryCode: string;
  Version: string;
  Timezone: string;
  PeriodLockDate?: string;
  EndOfYearLockDate?: string;
  FinancialYearEndDay: number;
  FinancialYearEndMonth: number;
  SalesTaxBasis: string;
  SalesTaxPeriod: string;
  DefaultSalesTax: string;
  DefaultPurchasesTax: string;
  CreatedDateUTC: number;
}

export interface CurrencyRec {
  Code: string;
  Description: string;
}

/** What `/connections` reports about an organisation. */
export interface ConnectionRec {
  id: string;
  createdDateUtc: number;
  updatedDateUtc: number;
}

export interface PendingEvent {
  category: 'CONTACT' | 'INVOICE' | 'CREDITNOTE';
  type: 'CREATE' | 'UPDATE';
  resourceId: string;
  atMs: number;
}

interface Tables {
  contacts: Map<string, ContactRec>;
  accounts: Map<string, AccountRec>;
  taxRates: Map<string, TaxRateRec>;
  tracking: Map<string, TrackingCategoryRec>;
  items: Map<string, ItemRec>;
  invoices: Map<string, InvoiceRec>;
  creditNotes: Map<string, CreditNoteRec>;
  payments: Map<string, PaymentRec>;
  manualJournals: Map<string, ManualJournalRec>;
  journals: Map<string, JournalRec>;
}

interface Counters {
  invoiceNumber: number;
  creditNoteNumber: number;
  journalNumber: number;
}

export interface Snapshot {
  tables: Tables;
  counters: Counters;
  org: OrganisationRec;
  events: number;
}

export class TenantState implements Tables {
  contacts = new Map<string, ContactRec>();
  accounts = new Map<string, AccountRec>();
  taxRates = new Map<string, TaxRateRec>();
  tracking = new Map<string, TrackingCategoryRec>();
  items = new Map<string, ItemRec>();
  invoices = new Map<string, InvoiceRec>();
  creditNotes = new Map<string, CreditNoteRec>();
  payments = new Map<string, PaymentRec>();
  manualJournals = new Map<string, ManualJournalRec>();
  journals = new Map<string, JournalRec>();
  currencies: CurrencyRec[] = [];
  counters: Counters = { invoiceNumber: 0, creditNoteNumber: 0, journalNumber: 0 };
  /** Events waiting to be delivered as webhooks (flushed after each committed request). */
  events: PendingEvent[] = [];

  constructor(
    readonly tenantId: string,
    public org: OrganisationRec,
    readonly connection: ConnectionRec,
  ) {}

  get name(): string {
    return this.org.Name;
  }

  snapshot(): Snapshot {
    return {
      tables: {
        contacts: new Map(this.contacts),
        accounts: new Map(this.accounts),
        taxRates: new Map(this.taxRates),
        tracking: new Map(this.tracking),
        items: new Map(this.items),
        invoices: new Map(this.invoices),
        creditNotes: new Map(this.creditNotes),
        payments: new Map(this.payments),
        manualJournals: new Map(this.manualJournals),
        journals: new Map(this.journals),
      },
      counters: { ...this.counters },
      org: this.org,
      events: this.events.length,
    };
  }

  restore(s: Snapshot): void {
    Object.assign(this, s.tables);
    this.counters = { ...s.counters };
    this.org = s.org;
    this.events.length = s.events;
  }

  accountByCode(code: string): AccountRec | undefined {
    for (const a of this.accounts.values()) if (a.Code === code) return a;
    return undefined;
  }

  contactByNumber(no: string): ContactRec | undefined {
    for (const c of this.contacts.values()) if (c.ContactNumber === no) return c;
    return undefined;
  }

  itemByCode(code: string): ItemRec | undefined {
    for (const i of this.items.values()) if (i.Code === code) return i;
    return undefined;
  }

  emit(
    category: PendingEvent['category'],
    type: PendingEvent['type'],
    resourceId: string,
    atMs: number,
  ): void {
    this.events.push({ category, type, resourceId, atMs });
  }
}
