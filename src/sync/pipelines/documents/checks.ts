// The checks a document must pass before anything is written: its shape against the domain
// rules that need the mirror (the party exists and is active, the number is free, every code maps
// and has a tax rate, the document may still be changed), with totals computed the way both books
// do (per line, to the cent); and where a document already is, or is on its way to.
import { systemModule } from '../../../systems/modules.js';
import type { LineDraft } from '../../../systems/system.js';
import { Decimal, storable } from '../../../domain/money.js';
import { documentTotals, lineTotals } from '../../../domain/totals.js';
import { dueDateFor } from '../../../domain/due-dates.js';
import { UnmappedCodeError } from '../../../mapping/lookups.js';
import type { DocumentFields, DocumentKind } from '../../../store/documents.js';
import { translatesCodes, type TargetSystem, type UserErrorShape } from '../change-support.js';
import type { DocumentInput } from './inputs.js';
import { documentEntityType, partyOf } from './parties.js';
import { sideOf } from './translate.js';
import { error, firstPerField, type DocumentChangeDeps } from './change-deps.js';

export class DocumentChecks {
  constructor(private readonly deps: DocumentChangeDeps) {}

  /**
   * Runs each mapping when a target translates codes through the lookup tables; an unmapped code
   * becomes a user error naming it.
   */
  mapped(systems: TargetSystem[], checks: [(string | number)[], () => unknown][]): UserErrorShape[] {
    return translatesCodes(systems) ? this.checkMapped(checks) : [];
  }

  /** Runs each mapping (with lookup tables); an unmapped code becomes a user error naming it. */
  checkMapped(checks: [(string | number)[], () => unknown][]): UserErrorShape[] {
    if (!this.deps.lookups) return [];
    const errors: UserErrorShape[] = [];
    for (const [field, check] of checks) {
      try {
        check();
      } catch (e) {
        if (!(e instanceof UnmappedCodeError)) throw e;
        errors.push(error(field, 'UNMAPPED_CODE', e.message));
      }
    }
    return errors;
  }

  async checkDocument(
    kind: DocumentKind,
    id: string | null,
    input: DocumentInput,
    systems: TargetSystem[],
    numberTaken?: (number: string) => Promise<boolean>,
  ): Promise<{ document: DocumentFields } | { errors: UserErrorShape[] }> {
    const { master, documents, lookups } = this.deps;
    const errors: UserErrorShape[] = [];
    const party = await master.byId(partyOf[kind], input.partyId);
    if (!party) return { errors: [error(['input', 'partyId'], 'NOT_FOUND', `No such ${partyOf[kind]}.`)] };
    const p = party as {
      number: string | null;
      status: string;
      currency: string;
      paymentTerms: string | null;
    };
    if (p.status !== 'ACTIVE')
      errors.push(
        error(['input', 'partyId'], 'PARTY_NOT_ACTIVE', `The ${partyOf[kind]} is ${p.status.toLowerCase()}.`),
      );
    const taken = numberTaken
      ? (await numberTaken(input.number)) && { id: null }
      : await documents.byNumber(kind, input.number);
    if (taken && taken.id !== id)
      errors.push(error(['input', 'number'], 'DUPLICATE_NUMBER', `${input.number} exists already.`));
    const currency = input.currency ?? p.currency;
    if (lookups)
      errors.push(...this.checkMapped([[['input', 'currency'], () => lookups.currencyToNav(currency)]]));
    const itemIds = [...new Set(input.lines.flatMap((l) => (l.itemId ? [l.itemId] : [])))];
    const items = new Map(
      (await Promise.all(itemIds.map((i) => master.byId('item', i)))).flatMap((i) =>
        i
          ? [
              [
                i.id,
                i as {
                  id: string;
                  number: string;
                  salesAccountCode: string | null;
                  purchaseAccountCode: string | null;
                  blocked: boolean;
                },
              ],
            ]
          : [],
      ),
    );
    const lines: LineDraft[] = [];
    const postsTo: { accountCode: string | null }[] = [];
    const rates: Decimal[] = [];
    input.lines.forEach((l, i) => {
      const at = ['input', 'lines', i];
      const item = l.itemId ? items.get(l.itemId) : undefined;
      if (l.itemId && !item) errors.push(error([...at, 'itemId'], 'NOT_FOUND', 'No such item.'));
      if (item?.blocked)
        errors.push(error([...at, 'itemId'], 'ITEM_BLOCKED', `Item ${item.number} is blocked.`));
      const account =
        l.accountCode ?? (kind === 'invoice' ? item?.salesAccountCode : item?.purchaseAccountCode) ?? null;
      // Without an account of its own, an item line posts where the item's setup says (NAV posting
      // groups, the Xero item's sales or purchase details).
      const rate = lookups?.taxRate(l.taxCode) ?? null;
      if (rate === null)
        errors.push(
          error(
            [...at, 'taxCode'],
            'UNMAPPED_CODE',
            `tax code "${l.taxCode}" has no rate in the lookup tables; add it before using it.`,
          ),
        );
      errors.push(
        ...this.mapped(systems, [
          ...(account
            ? [
                [[...at, 'accountCode'], () => lookups?.accountToXero(account)] as [
                  (string | number)[],
                  () => unknown,
                ],
              ]
            : []),
          [[...at, 'taxCode'], () => lookups?.taxToXero(l.taxCode, sideOf(kind))],
          ...l.dimensions.map(
            (d, j) =>
              [[...at, 'dimensions', j], () => lookups?.dimensionToXero(d.dimension, d.value)] as [
                (string | number)[],
                () => unknown,
              ],
          ),
        ]),
      );
      postsTo.push({ accountCode: account });
      const taxRatePercent = new Decimal(rate ?? 0);
      rates.push(taxRatePercent);
      const totals = lineTotals({ ...l, taxRatePercent }, input.lineAmountType);
      lines.push({
        lineNo: i + 1,
        item: item ? { number: item.number } : null,
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountPercent: l.discountPercent,
        accountCode: item ? l.accountCode : account,
        taxCode: l.taxCode,
        taxAmount: totals.taxAmount,
        lineAmount: totals.lineAmount,
        dimensions: Object.fromEntries(l.dimensions.map((d) => [d.dimension, d.value])),
      });
    });
    if (errors.length) return { errors: firstPerField(errors) };
    // Every target's own rules, before anything is written to any of them.
    const refused = await this.deps.books?.checkDocument(
      systems,
      sideOf(kind) === 'SALES' ? 'sales' : 'purchase',
      {
        currency,
        issueDate: input.issueDate,
        lines: postsTo,
      },
    );
    if (refused?.length) return { errors: firstPerField(refused) };
    const totals = documentTotals(
      input.lines.map((l, i) => ({ ...l, taxRatePercent: rates[i] as Decimal })),
      input.lineAmountType,
    );
    // Each line fits, yet quantity × price or their sum may not: refused, never a database error.
    if (![totals.subTotal, totals.total, ...lines.map((l) => l.lineAmount)].every(storable))
      return {
        errors: [
          error(
            ['input', 'lines'],
            'TOO_LARGE',
            `The totals would have more than 15 digits before the decimal point.`,
          ),
        ],
      };
    return {
      document: {
        partyId: input.partyId,
        number: input.number,
        party: { number: p.number ?? undefined },
        status: input.status,
        issueDate: input.issueDate,
        // A given due date wins; else the party's payment terms decide, as both books would.
        dueDate: input.dueDate ?? this.dueByTerms(input.issueDate, p.paymentTerms) ?? input.issueDate,
        currency,
        currencyRate: input.currencyRate,
        lineAmountType: input.lineAmountType,
        reference: input.reference,
        externalDocumentNumber: null,
        vendorInvoiceNumber: kind === 'bill' ? input.vendorInvoiceNumber : null,
        ...totals,
        amountPaid: new Decimal(0),
        amountDue: totals.total,
        lines,
      },
    };
  }

  /** The due date the party's payment terms give (through the lookup tables), or null. */
  private dueByTerms(issueDate: string, terms: string | null): string | null {
    if (!terms || !this.deps.lookups) return null;
    try {
      return dueDateFor(issueDate, this.deps.lookups.paymentTermsToXero(terms));
    } catch (e) {
      if (e instanceof UnmappedCodeError) return null;
      throw e;
    }
  }

  /** Paid, voided or posted in NAV: not editable (a credit note is the way). */
  async checkEditable(kind: DocumentKind, id: string): Promise<UserErrorShape[]> {
    const current = await this.deps.documents.snapshot(kind, id);
    if (!current) return [error(['id'], 'NOT_FOUND', `No such ${kind}.`)];
    if (['PAID', 'VOIDED', 'DELETED'].includes(current.status) || !current.amountPaid.isZero())
      return [
        error(
          ['id'],
          'NOT_EDITABLE',
          `The ${kind} is ${current.amountPaid.isZero() ? current.status.toLowerCase() : 'part-paid'}; issue a credit note instead.`,
        ),
      ];
    const linked = await this.linkedSystems(kind, id);
    if (linked.some((s) => systemModule(s).traits.bookedDocumentsImmutable) && current.status !== 'DRAFT')
      return [
        error(
          ['id'],
          'NOT_EDITABLE',
          `The ${kind} is posted in NAV and cannot be edited; issue a credit note there.`,
        ),
      ];
    return [];
  }

  async linkedSystems(kind: DocumentKind, id: string): Promise<TargetSystem[]> {
    const links = await this.deps.links.forEntities(documentEntityType[kind], [id]);
    return links.filter((l) => this.deps.targets[l.system] === l.tenant).map((l) => l.system);
  }

  /** Systems the document is in, or on its way to. */
  async presentIn(kind: DocumentKind, id: string): Promise<TargetSystem[]> {
    const pending = await this.deps.outbox.unfinishedFor(documentEntityType[kind], id);
    return [...new Set([...(await this.linkedSystems(kind, id)), ...pending])];
  }
}
