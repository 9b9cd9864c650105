// Table logic shared by both dialects (NAV pages and BC API pages sit on the same tables): defaults
// on insert, number series, field validation, delete checks. Dialects only map names.
import { dec, ZERO } from '../decimal.js';
import { errors } from '../errors.js';
import { setCurrencyCode } from '../currency-factor.js';
import type { NavContext } from '../context.js';
import { dueDate } from '../seed.js';
import type {
  Customer,
  DefaultDimension,
  Dimension,
  DimensionValue,
  DocHeader,
  DocLine,
  Item,
  JnlAccountType,
  JournalBatch,
  JournalLine,
  JournalTemplate,
  Party,
  PurchaseHeader,
  SalesDocType,
  SalesHeader,
  Tracked,
  Vendor,
} from '../state.js';

/** After a PATCH changed fields: a new revision (ETag) and modification time. */
export const touch = (r: Tracked, ctx: NavContext): void => ctx.state.touch(r);

function party(ctx: NavContext): Party {
  return {
    ...ctx.state.track(),
    no: '',
    name: '',
    address: '',
    address2: '',
    city: '',
    postCode: '',
    county: '',
    country: '',
    phone: '',
    email: '',
    website: '',
    vatRegNo: '',
    currency: '',
    paymentTermsCode: '',
    taxLiable: false,
  };
}

export const newCustomer = (ctx: NavContext): Customer => ({ ...party(ctx), creditLimit: ZERO, blocked: '' });
export const newVendor = (ctx: NavContext): Vendor => ({ ...party(ctx), blocked: '' });

export function insertCustomer(ctx: NavContext, c: Customer): void {
  if (!c.no) c.no = ctx.state.nextNo('CUST');
  if (ctx.state.customer(c.no)) throw errors.duplicate('Customer', `No.='${c.no}'`);
  ctx.state.customers.push(c);
}

export function insertVendor(ctx: NavContext, v: Vendor): void {
  if (!v.no) v.no = ctx.state.nextNo('VEND');
  if (ctx.state.vendor(v.no)) throw errors.duplicate('Vendor', `No.='${v.no}'`);
  ctx.state.vendors.push(v);
}

export function deleteCustomer(ctx: NavContext, c: Customer): void {
  const s = ctx.state;
  if (s.salesHeaders.some((h) => h.partyNo === c.no)) {
    throw errors.dialog(
      `You cannot delete Customer ${c.no} because there is at least one outstanding Sales document for this customer.`,
    );
  }
  if (s.custLedgerEntries.some((e) => e.partyNo === c.no && e.open)) {
    throw errors.dialog(
      `You cannot delete Customer ${c.no} because there are one or more outstanding ledger entries.`,
    );
  }
  s.customers.splice(s.customers.indexOf(c), 1);
}

export function deleteVendor(ctx: NavContext, v: Vendor): void {
  const s = ctx.state;
  if (
    s.purchaseHeaders.some((h) => h.partyNo === v.no) ||
    s.vendLedgerEntries.some((e) => e.partyNo === v.no && e.open)
  ) {
    throw errors.dialog(
      `You cannot delete Vendor ${v.no} because there is at least one outstanding Purchase document or ledger entry for this vendor.`,
    );
  }
  s.vendors.splice(s.vendors.indexOf(v), 1);
}

export function newItem(ctx: NavContext): Item {
  return {
    ...ctx.state.track(),
    no: '',
    description: '',
    type: 'Inventory',
    baseUnitOfMeasure: 'PCS',
    unitPrice: ZERO,
    unitCost: ZERO,
    salesAccountNo: ctx.state.items[0]?.salesAccountNo ?? '',
    purchaseAccountNo: ctx.state.items[0]?.purchaseAccountNo ?? '',
    vatGroup: ctx.state.items[0]?.vatGroup ?? ctx.state.taxRates[0]?.vatGroup ?? '',
    inventory: ZERO,
    blocked: false,
  };
}

export function insertItem(ctx: NavContext, i: Item): void {
  if (!i.no) i.no = ctx.state.nextNo('ITEM');
  if (ctx.state.item(i.no)) throw errors.duplicate('Item', `No.='${i.no}'`);
  ctx.state.items.push(i);
}

export function deleteItem(ctx: NavContext, i: Item): void {
  const s = ctx.state;
  const used = [...s.salesHeaders, ...s.purchaseHeaders].some((h) =>
    h.lines.some((l) => l.type === 'Item' && l.no === i.no),
  );
  if (used)
    throw errors.dialog(
      `You cannot delete Item ${i.no} because there is at least one outstanding document that includes this item.`,
    );
  s.items.splice(s.items.indexOf(i), 1);
}

// --- documents --------------------------------------------------------------------------------

export function newSalesHeader(ctx: NavContext, type: SalesDocType): SalesHeader {
  const today = ctx.clock.today();
  return {
    ...ctx.state.track(),
    documentType: type,
    no: '',
    partyNo: '',
    orderDate: today,
    postingDate: today,
    documentDate: today,
    dueDate: '',
    requestedDeliveryDate: '',
    externalDocumentNo: '',
    currency: '',
    pricesIncludeVat: false,
    status: 'Open',
    lines: [],
  };
}

export function newPurchaseHeader(ctx: NavContext): PurchaseHeader {
  const today = ctx.clock.today();
  return {
    ...ctx.state.track(),
    documentType: 'Invoice',
    no: '',
    partyNo: '',
    postingDate: today,
    documentDate: today,
    dueDate: '',
    externalDocumentNo: '',
    vendorInvoiceNo: '',
    currency: '',
    pricesIncludeVat: false,
    lines: [],
  };
}

/** Validates Sell-to Customer No.: the customer must exist and not be blocked for everything. */
export function setSalesCustomer(ctx: NavContext, h: SalesHeader, no: string): void {
  const c = ctx.state.customer(no);
  if (!c) throw errors.recordNotFound('Customer', `No.='${no}'`);
  if (c.blocked === 'All')
    throw errors.dialog(
      `You cannot create this type of document when Customer ${c.no} is blocked with type All`,
    );
  h.partyNo = c.no;
  setCurrencyCode(h, c.currency);
  h.dueDate = dueDate(ctx.state, h.documentDate, c.paymentTermsCode);
}

export function setPurchaseVendor(ctx: NavContext, h: PurchaseHeader, no: string): void {
  const v = ctx.state.vendor(no);
  if (!v) throw errors.recordNotFound('Vendor', `No.='${no}'`);
  if (v.blocked === 'All')
    throw errors.dialog(
      `You cannot create this type of document when Vendor ${v.no} is blocked with type All`,
    );
  h.partyNo = v.no;
  setCurrencyCode(h, v.currency);
  h.dueDate = dueDate(ctx.state, h.documentDate, v.paymentTermsCode);
}

export function insertSalesHeader(ctx: NavContext, h: SalesHeader): void {
  if (!h.partyNo) throw errors.dialog('A customerNumber or a customerId must be provided.');
  if (!h.no) h.no = ctx.state.nextNo(h.documentType === 'Order' ? 'S-ORD' : 'S-INV');
  if (ctx.state.salesHeaders.some((x) => x.documentType === h.documentType && x.no === h.no)) {
    throw errors.duplicate('Sales Header', `Document Type='${h.documentType}',No.='${h.no}'`);
  }
  ctx.state.salesHeaders.push(h);
}

export function insertPurchaseHeader(ctx: NavContext, h: PurchaseHeader): void {
  if (!h.partyNo) throw errors.dialog('A vendorNumber or a vendorId must be provided.');
  if (!h.no) h.no = ctx.state.nextNo('P-INV');
  if (ctx.state.purchaseHeaders.some((x) => x.no === h.no))
    throw errors.duplicate('Purchase Header', `Document Type='Invoice',No.='${h.no}'`);
  ctx.state.purchaseHeaders.push(h);
}

export function deleteSalesHeader(ctx: NavContext, h: SalesHeader): void {
  ctx.state.salesHeaders.splice(ctx.state.salesHeaders.indexOf(h), 1);
}

export function deletePurchaseHeader(ctx: NavContext, h: PurchaseHeader): void {
  ctx.state.purchaseHeaders.splice(ctx.state.purchaseHeaders.indexOf(h), 1);
}

export function checkOpen(h: DocHeader & { status?: string }): void {
  if (h.status === 'Released') {
    throw errors.fieldValidation(
      `Status must be equal to 'Open'  in Sales Header: Document Type=Order, No.=${h.no}. Current value is 'Released'.`,
    );
  }
}

export function newLine(ctx: NavContext, header: DocHeader): DocLine {
  const last = header.lines.reduce((m, l) => Math.max(m, l.lineNo), 0);
  return {
    ...ctx.state.track(),
    lineNo: last + 10000,
    type: 'Item',
    no: '',
    description: '',
    quantity: ZERO,
    unitPrice: ZERO,
    discountPercent: ZERO,
    vatGroup: '',
    unitOfMeasure: '',
    dimensions: {},
  };
}

/** Validates "No." on a line like NAV: pulls description, price, unit and VAT group from the item. */
export function setLineNo(ctx: NavContext, line: DocLine, no: string, side: 'sales' | 'purchase'): void {
  if (line.type === 'Item') {
    const item = ctx.state.item(no);
    if (!item) throw errors.recordNotFound('Item', `No.='${no}'`);
    if (item.blocked)
      throw errors.fieldValidation(
        `Blocked must be equal to 'No'  in Item: No.=${item.no}. Current value is 'Yes'.`,
      );
    line.no = item.no;
    line.description = item.description;
    line.unitPrice = side === 'sales' ? item.unitPrice : item.unitCost;
    line.unitOfMeasure = item.baseUnitOfMeasure;
    line.vatGroup = item.vatGroup;
  } else if (line.type === 'G/L Account') {
    const acc = ctx.state.account(no);
    if (!acc) throw errors.recordNotFound('G/L Account', `No.='${no}'`);
    line.no = acc.no;
    line.description = acc.name;
  } else line.no = no;
}

export function insertLine(ctx: NavContext, header: DocHeader & { status?: string }, line: DocLine): void {
  checkOpen(header);
  if (line.type !== '' && !line.no)
    throw errors.fieldValidation(`No. must have a value in the line. It cannot be zero or empty.`);
  if (header.lines.some((l) => l.lineNo === line.lineNo))
    throw errors.duplicate('Sales Line', `Line No.='${line.lineNo}'`);
  header.lines.push(line);
  header.lines.sort((a, b) => a.lineNo - b.lineNo);
  ctx.state.touch(header);
}

export function modifyLine(ctx: NavContext, header: DocHeader & { status?: string }, line: DocLine): void {
  checkOpen(header);
  ctx.state.touch(line);
  ctx.state.touch(header);
}

export function deleteLine(ctx: NavContext, header: DocHeader & { status?: string }, line: DocLine): void {
  checkOpen(header);
  header.lines.splice(header.lines.indexOf(line), 1);
  ctx.state.touch(header);
}

// --- journals ---------------------------------------------------------------------------------

/** The number series each journal template's batches draw document numbers from. */
export const JOURNAL_SERIES: Record<JournalTemplate, string> = {
  GENERAL: 'GJNL-GEN',
  CASHRCPT: 'GJNL-RCPT',
  PAYMENT: 'GJNL-PMT',
};

export function newJournalLine(ctx: NavContext, batch: JournalBatch): JournalLine {
  const lines = ctx.state.journalLines.filter((l) => l.template === batch.template && l.batch === batch.name);
  const last = lines.reduce<JournalLine | undefined>(
    (m, l) => (!m || l.lineNo > m.lineNo ? l : m),
    undefined,
  );
  // Cash receipts (customer payments) and payments (vendor payments) default to a payment line.
  const payments = batch.template !== 'GENERAL';
  return {
    ...ctx.state.track(),
    template: batch.template,
    batch: batch.name,
    lineNo: (last?.lineNo ?? 0) + 10000,
    postingDate: last?.postingDate ?? ctx.clock.today(),
    documentType: payments ? 'Payment' : '',
    // Like NAV's SetUpNewLine: continue the last line's document, or draw from the batch series.
    documentNo: last?.documentNo ?? ctx.state.nextNo(JOURNAL_SERIES[batch.template]),
    externalDocumentNo: '',
    accountType:
      batch.template === 'CASHRCPT' ? 'Customer' : batch.template === 'PAYMENT' ? 'Vendor' : 'G/L Account',
    accountNo: '',
    description: '',
    amount: ZERO,
    balAccountType: batch.balAccountType,
    balAccountNo: batch.balAccountNo,
    appliesToDocType: '',
    appliesToDocNo: '',
    comment: '',
  };
}

/** The account types the sandbox posts; `caption` names the field in the refusal. */
export function journalAccountType(v: string, caption: string): JnlAccountType {
  if (v === 'G/L Account' || v === 'Customer' || v === 'Vendor' || v === 'Bank Account') return v;
  throw errors.notImplemented(`${caption} '${v}' is not supported by the sandbox.`);
}

export function setJournalAccount(ctx: NavContext, line: JournalLine, no: string): void {
  const s = ctx.state;
  switch (line.accountType) {
    case 'Customer': {
      const c = s.customer(no);
      if (!c) throw errors.recordNotFound('Customer', `No.='${no}'`);
      if (!line.description) line.description = c.name;
      break;
    }
    case 'Vendor': {
      const v = s.vendor(no);
      if (!v) throw errors.recordNotFound('Vendor', `No.='${no}'`);
      if (!line.description) line.description = v.name;
      break;
    }
    default: {
      const a = s.account(no);
      if (!a) throw errors.recordNotFound('G/L Account', `No.='${no}'`);
      if (!line.description) line.description = a.name;
    }
  }
  line.accountNo = no;
}

export function insertJournalLine(ctx: NavContext, line: JournalLine): void {
  if (
    ctx.state.journalLines.some(
      (l) => l.template === line.template && l.batch === line.batch && l.lineNo === line.lineNo,
    )
  ) {
    throw errors.duplicate(
      'Gen. Journal Line',
      `Journal Template Name='${line.template}',Journal Batch Name='${line.batch}',Line No.='${line.lineNo}'`,
    );
  }
  ctx.state.journalLines.push(line);
}

export function deleteJournalLine(ctx: NavContext, line: JournalLine): void {
  ctx.state.journalLines.splice(ctx.state.journalLines.indexOf(line), 1);
}

export function journalLinesOf(ctx: NavContext, batch: JournalBatch): JournalLine[] {
  return ctx.state.journalLines
    .filter((l) => l.template === batch.template && l.batch === batch.name)
    .sort((a, b) => a.lineNo - b.lineNo);
}

// --- dimensions -------------------------------------------------------------------------------

export const newDimension = (ctx: NavContext): Dimension => ({
  ...ctx.state.track(),
  code: '',
  name: '',
  blocked: false,
});

export const newDimensionValue = (ctx: NavContext, dimensionCode = ''): DimensionValue => ({
  ...ctx.state.track(),
  dimensionCode,
  code: '',
  name: '',
  blocked: false,
});

export const newDefaultDimension = (ctx: NavContext): DefaultDimension => ({
  ...ctx.state.track(),
  tableId: 18,
  no: '',
  dimensionCode: '',
  valueCode: '',
  valuePosting: '',
});

export function insertDimension(ctx: NavContext, d: Dimension): void {
  if (!d.code)
    throw errors.fieldValidation('Code must have a value in Dimension. It cannot be zero or empty.');
  if (ctx.state.dimensions.some((x) => x.code === d.code))
    throw errors.duplicate('Dimension', `Code='${d.code}'`);
  ctx.state.dimensions.push(d);
}

export function insertDimensionValue(ctx: NavContext, v: DimensionValue): void {
  if (!ctx.state.dimensions.some((d) => d.code === v.dimensionCode))
    throw errors.recordNotFound('Dimension', `Code='${v.dimensionCode}'`);
  if (!v.code)
    throw errors.fieldValidation('Code must have a value in Dimension Value. It cannot be zero or empty.');
  if (ctx.state.dimensionValues.some((x) => x.dimensionCode === v.dimensionCode && x.code === v.code)) {
    throw errors.duplicate('Dimension Value', `Dimension Code='${v.dimensionCode}',Code='${v.code}'`);
  }
  ctx.state.dimensionValues.push(v);
}

export function insertDefaultDimension(ctx: NavContext, d: DefaultDimension): void {
  const s = ctx.state;
  if (!s.dimensions.some((x) => x.code === d.dimensionCode))
    throw errors.recordNotFound('Dimension', `Code='${d.dimensionCode}'`);
  if (
    d.valueCode &&
    !s.dimensionValues.some((x) => x.dimensionCode === d.dimensionCode && x.code === d.valueCode)
  ) {
    throw errors.recordNotFound(
      'Dimension Value',
      `Dimension Code='${d.dimensionCode}',Code='${d.valueCode}'`,
    );
  }
  const exists =
    (d.tableId === 18 && s.customer(d.no)) ||
    (d.tableId === 23 && s.vendor(d.no)) ||
    (d.tableId === 27 && s.item(d.no)) ||
    (d.tableId === 15 && s.account(d.no));
  if (!exists)
    throw errors.recordNotFound(
      d.tableId === 18 ? 'Customer' : d.tableId === 23 ? 'Vendor' : d.tableId === 27 ? 'Item' : 'G/L Account',
      `No.='${d.no}'`,
    );
  if (
    s.defaultDimensions.some(
      (x) => x.tableId === d.tableId && x.no === d.no && x.dimensionCode === d.dimensionCode,
    )
  ) {
    throw errors.duplicate(
      'Default Dimension',
      `Table ID='${d.tableId}',No.='${d.no}',Dimension Code='${d.dimensionCode}'`,
    );
  }
  s.defaultDimensions.push(d);
}

export function removeFrom<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

export { dec };
