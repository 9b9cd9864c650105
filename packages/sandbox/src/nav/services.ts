// The two dialects' service definitions over the same state: which entity sets each publishes and
// the company entity that contains them (NAV: Company('<name>'), BC: companies(<id>)).
import type { NavContext } from './context.js';
import { bcAccount, bcGeneralLedgerEntry } from './entities/bc/accounts.js';
import { bcCustomerPaymentJournal } from './entities/bc/customer-payments.js';
import { bcDefaultDimension, bcDimension, bcDimensionValue } from './entities/bc/dimensions.js';
import { bcItem } from './entities/bc/items.js';
import { bcJournal } from './entities/bc/journals.js';
import { bcCustomer, bcVendor } from './entities/bc/parties.js';
import { bcPurchaseInvoice } from './entities/bc/purchase-invoices.js';
import { bcSalesInvoice } from './entities/bc/sales-invoices.js';
import { bcSalesOrder } from './entities/bc/sales-orders.js';
import { bcVendorPaymentJournal } from './entities/bc/vendor-payments.js';
import { navDefaultDimensions, navDimensions, navDimensionValues } from './entities/nav/dimensions.js';
import { navPurchaseInvoice, navSalesInvoice, navSalesOrder } from './entities/nav/documents.js';
import { navCashReceiptJournal, navGeneralJournal, navPaymentJournal } from './entities/nav/journals.js';
import { navCustLedgerEntries, navGLEntry, navVendorLedgerEntries } from './entities/nav/ledgers.js';
import {
  extensionField,
  navChartOfAccounts,
  navCustomer,
  navItem,
  navVendor,
} from './entities/nav/master.js';
import { navPostedPurchaseInvoices, navPostedSalesInvoices } from './entities/nav/posted-documents.js';
import { instant } from './entities/wire.js';
import { defineEntity, field, type AnyEntityDef } from './odata/edm.js';
import type { NavSandboxOptions } from './options.js';
import { bcSubscriptionDef } from './webhooks.js';

/** NAV OData V4 services, named as a NAV administrator publishes the pages (Web Services page). */
export const navSets: AnyEntityDef[] = [
  navCustomer,
  navVendor,
  navItem,
  navSalesOrder,
  navSalesInvoice,
  navPostedSalesInvoices,
  navPurchaseInvoice,
  navPostedPurchaseInvoices,
  navChartOfAccounts,
  navGLEntry,
  navGeneralJournal,
  navCashReceiptJournal,
  navPaymentJournal,
  navDimensions,
  navDimensionValues,
  navDefaultDimensions,
  navCustLedgerEntries,
  navVendorLedgerEntries,
];

export const bcSets: AnyEntityDef[] = [
  bcCustomer,
  bcVendor,
  bcItem,
  bcSalesOrder,
  bcSalesInvoice,
  bcPurchaseInvoice,
  bcCustomerPaymentJournal,
  bcVendorPaymentJournal,
  bcJournal,
  bcAccount,
  bcGeneralLedgerEntry,
  bcDimension,
  bcDimensionValue,
  bcDefaultDimension,
];

interface CompanyRecord {
  id: string;
  rev: number;
  name: string;
}

const companyRecord = (ctx: NavContext): CompanyRecord => ({
  id: ctx.state.companyId,
  rev: 1,
  name: ctx.state.companyName,
});

function contained(sets: AnyEntityDef[]) {
  return sets.map((target) => ({
    name: target.setName,
    target,
    list: (_c: CompanyRecord, ctx: NavContext) => target.list!(ctx),
    ...(target.create ? { create: (_c: CompanyRecord, ctx: NavContext) => target.create!(ctx) } : {}),
  }));
}

export const navCompany = defineEntity<CompanyRecord>({
  typeName: 'Company',
  setName: 'Company',
  caption: 'Company',
  keys: ['Name'],
  fields: [
    field('Name', 'Edm.String', (r) => r.name, undefined, { nullable: false }),
    field('Display_Name', 'Edm.String', (r) => r.name),
    field('Id', 'Edm.Guid', (r) => r.id),
    field('Business_Profile_Id', 'Edm.String', () => ''),
  ],
  list: (ctx) => [companyRecord(ctx)],
  identity: (r) => r,
  navigations: contained(navSets),
});

const CREATED = Date.UTC(2024, 0, 1);

export const bcCompany = defineEntity<CompanyRecord>({
  typeName: 'company',
  setName: 'companies',
  caption: 'Company',
  keys: ['id'],
  fields: [
    field('id', 'Edm.Guid', (r) => r.id, undefined, { nullable: false }),
    field('systemVersion', 'Edm.String', () => '26.0.0.0'),
    field('timestamp', 'Edm.Int64', () => 1),
    field('name', 'Edm.String', (r) => r.name),
    field('displayName', 'Edm.String', (r) => r.name),
    field('businessProfileId', 'Edm.String', () => ''),
    field('systemCreatedAt', 'Edm.DateTimeOffset', () => instant(CREATED)),
    field('systemCreatedBy', 'Edm.Guid', () => '00000000-0000-0000-0000-000000000001'),
    field('systemModifiedAt', 'Edm.DateTimeOffset', () => instant(CREATED)),
    field('systemModifiedBy', 'Edm.Guid', () => '00000000-0000-0000-0000-000000000001'),
  ],
  list: (ctx) => [companyRecord(ctx)],
  identity: (r) => r,
  navigations: contained(bcSets),
});

/** Sets in the BC container: companies, the company-scoped sets, and subscriptions. */
export const bcContainerSets: AnyEntityDef[] = [bcCompany, bcSubscriptionDef, ...bcSets];
export const navContainerSets: AnyEntityDef[] = [navCompany, ...navSets];

/** What the NAV dialect publishes: the company, the sets it contains, and the container's sets. */
export interface NavService {
  company: AnyEntityDef;
  sets: AnyEntityDef[];
  containerSets: AnyEntityDef[];
}

const standardNav: NavService = { company: navCompany, sets: navSets, containerSets: navContainerSets };

/**
 * The NAV pages with the fields a partner added to the Customer, Vendor and Item tables (the
 * standard pages when there are none). A name that is not a published field name, or that the
 * page already has, is refused.
 */
export function navService(extensionFields: NavSandboxOptions['extensionFields'] = {}): NavService {
  const tables = { customer: navCustomer, vendor: navVendor, item: navItem };
  const extended = new Map<AnyEntityDef, AnyEntityDef>();
  for (const [table, def] of Object.entries(tables)) {
    const names = extensionFields[table as keyof typeof tables] ?? [];
    if (names.length === 0) continue;
    for (const name of names) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || def.fields.some((f) => f.name === name))
        throw new Error(`extension field '${name}' cannot be added to the ${def.setName} page`);
    }
    extended.set(def, { ...def, fields: [...def.fields, ...names.map(extensionField)] });
  }
  if (extended.size === 0) return standardNav;
  const sets = navSets.map((s) => extended.get(s) ?? s);
  const company: AnyEntityDef = { ...navCompany, navigations: contained(sets) };
  return { company, sets, containerSets: [company, ...sets] };
}
