// The checks every target's own setup asks of a change before anything is written anywhere: a
// line's account is one that kind of line may post to (revenue for sales, expense or a non-bank
// asset for bills; never a bank, control, blocked or heading account), a payment goes through an
// account that takes payments, the currency is enabled and the date is in an open period. Each
// target's setup (chart of accounts, currencies, lock dates) is read from the system itself and
// kept for a few minutes; a target that cannot say (not published, unreachable) is left to its write.
import type { AccountFact, BookSetup } from '../../systems/book-setup.js';
import { hasBookSetup } from '../../systems/book-setup.js';
import type { Connector } from '../../systems/system.js';
import type { Decimal } from '../../domain/money.js';
import { systemModule } from '../../systems/modules.js';
import { UnmappedCodeError, type Lookups } from '../../mapping/lookups.js';
import type { TargetSystem, UserErrorShape } from '../pipelines/change-support.js';

export type LineSide = 'sales' | 'purchase';

/** How long a target's setup is trusted before it is read again. */
export const BOOK_SETUP_TTL_MS = 5 * 60_000;

interface Cached {
  at: number;
  setup: Promise<BookSetup | null>;
}

const fail = (field: (string | number)[], code: string, message: string): UserErrorShape => ({
  field: field.map(String),
  code,
  message,
});

/** Why an account may not take this kind of line; null when it may. */
function lineRefusal(a: AccountFact, side: LineSide): string | null {
  if (!a.postable) return `is ${a.notPostableBecause ?? 'not open to posting'}`;
  if (a.control) return 'is a control account (receivables, payables, tax) that takes only its own postings';
  if (a.bank) return 'is a bank account: money reaches it through payments, not document lines';
  const wanted = side === 'sales' ? ['REVENUE'] : ['EXPENSE', 'ASSET'];
  if (a.class && !wanted.includes(a.class))
    return `is ${a.class.toLowerCase()}, and a ${side === 'sales' ? 'sales line posts to revenue' : 'bill line posts to an expense or asset'}`;
  if (!a.class && side === 'sales' && a.statement === 'BALANCE')
    return 'is a balance-sheet account, and a sales line posts to the income statement';
  return null;
}

function paymentRefusal(a: AccountFact): string | null {
  if (!a.postable) return `is ${a.notPostableBecause ?? 'not open to posting'}`;
  if (a.takesPayments === false)
    return a.statement === 'INCOME'
      ? 'is an income-statement account; a payment goes through a bank or other balance-sheet account'
      : 'takes no payments (not a bank account, payments not enabled)';
  return null;
}

export class BookRules {
  private readonly cache = new Map<TargetSystem, Cached>();

  constructor(
    private readonly connectors: Partial<Record<TargetSystem, Connector>>,
    private readonly lookups: Lookups | null,
    private readonly onUnreadable: (system: TargetSystem, error: unknown) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** The target's setup, read at most once per TTL; null when it cannot be read. */
  private setup(system: TargetSystem): Promise<BookSetup | null> {
    const source = this.connectors[system];
    if (!source || !hasBookSetup(source)) return Promise.resolve(null);
    const hit = this.cache.get(system);
    if (hit && this.now() - hit.at < BOOK_SETUP_TTL_MS) return hit.setup;
    const setup = source.readBookSetup().catch((error: unknown) => {
      this.onUnreadable(system, error);
      this.cache.delete(system); // try again on the next change
      return null;
    });
    this.cache.set(system, { at: this.now(), setup });
    return setup;
  }

  /** Forget what was read (a test, or an operator who just changed a chart). */
  refresh(): void {
    this.cache.clear();
  }

  /** The account's code in the target's vocabulary; null when it has no mapping (reported elsewhere). */
  private codeIn(system: TargetSystem, code: string): string | null {
    try {
      return systemModule(system).vocabulary.paymentAccountOut(code, this.lookups);
    } catch (e) {
      if (e instanceof UnmappedCodeError) return null;
      throw e;
    }
  }

  /** The account in the target's chart: unknown there, or refused for what it is asked to take. */
  private accountErrors(
    system: TargetSystem,
    setup: BookSetup,
    code: string,
    at: (string | number)[],
    refusal: (fact: AccountFact) => string | null,
  ): UserErrorShape[] {
    const own = this.codeIn(system, code);
    if (own === null || !setup.accounts) return [];
    const fact = setup.accounts.find((a) => a.code === own);
    if (!fact)
      return [
        fail(
          at,
          'UNKNOWN_ACCOUNT',
          `Account ${code} (${own} in ${system}) is not in ${system}'s chart of accounts.`,
        ),
      ];
    const why = refusal(fact);
    return why
      ? [fail(at, 'ACCOUNT_NOT_ALLOWED', `Account ${code} (${fact.code} in ${system}, ${fact.name}) ${why}.`)]
      : [];
  }

  private common(
    system: TargetSystem,
    setup: BookSetup,
    currency: string,
    date: string,
    currencyAt: (string | number)[],
    dateAt: (string | number)[],
  ): UserErrorShape[] {
    const out: UserErrorShape[] = [];
    if (setup.currencies && !setup.currencies.includes(currency))
      out.push(
        fail(
          currencyAt,
          'CURRENCY_NOT_ENABLED',
          `${currency} is not enabled in ${system}; add it there first.`,
        ),
      );
    if (setup.postingFrom && date < setup.postingFrom)
      out.push(
        fail(
          dateAt,
          'PERIOD_CLOSED',
          `${system} takes postings from ${setup.postingFrom} only (the period before is locked).`,
        ),
      );
    if (setup.postingTo && date > setup.postingTo)
      out.push(fail(dateAt, 'PERIOD_CLOSED', `${system} takes postings up to ${setup.postingTo} only.`));
    return out;
  }

  async checkDocument(
    systems: readonly TargetSystem[],
    side: LineSide,
    doc: { currency: string; issueDate: string; lines: { accountCode: string | null }[] },
  ): Promise<UserErrorShape[]> {
    const errors: UserErrorShape[] = [];
    for (const system of systems) {
      const setup = await this.setup(system);
      if (!setup) continue;
      errors.push(
        ...this.common(
          system,
          setup,
          doc.currency,
          doc.issueDate,
          ['input', 'currency'],
          ['input', 'issueDate'],
        ),
      );
      for (const [i, line] of doc.lines.entries())
        if (line.accountCode)
          errors.push(
            ...this.accountErrors(
              system,
              setup,
              line.accountCode,
              ['input', 'lines', i, 'accountCode'],
              (f) => lineRefusal(f, side),
            ),
          );
    }
    return errors;
  }

  async checkPayment(
    systems: readonly TargetSystem[],
    payment: { accountCode: string; currency: string; paymentDate: string },
  ): Promise<UserErrorShape[]> {
    const errors: UserErrorShape[] = [];
    for (const system of systems) {
      const setup = await this.setup(system);
      if (!setup) continue;
      errors.push(
        ...this.common(
          system,
          setup,
          payment.currency,
          payment.paymentDate,
          ['input', 'documentId'],
          ['input', 'paymentDate'],
        ),
      );
      errors.push(
        ...this.accountErrors(system, setup, payment.accountCode, ['input', 'accountCode'], paymentRefusal),
      );
    }
    return errors;
  }

  /**
   * A payment no larger than what each target still holds as due: a payment applied there and not
   * read yet would make ours an overpayment that one book takes and the other refuses.
   */
  async checkDue(
    kind: 'invoice' | 'bill',
    links: readonly { system: TargetSystem; externalId: string }[],
    amount: Decimal,
    number: string,
  ): Promise<UserErrorShape[]> {
    const errors: UserErrorShape[] = [];
    for (const link of links) {
      const connector = this.connectors[link.system];
      if (!connector) continue;
      let due: Decimal | undefined;
      try {
        due = (await connector.getMany(kind, [link.externalId])).get(link.externalId)?.data.amountDue;
      } catch (error) {
        this.onUnreadable(link.system, error);
        continue;
      }
      if (due && amount.gt(due))
        errors.push(
          fail(
            ['input', 'amount'],
            'OVERPAYMENT',
            `Only ${due.toFixed(2)} is still due on ${number} in ${link.system}.`,
          ),
        );
    }
    return errors;
  }
}
