// What a book allows, read from the system itself: its chart of accounts (class, bank, control,
// blocked), the currencies it has enabled and the dates it still takes postings for. The gateway
// checks a change against every target's setup before writing to any (see the document and payment
// acceptance), so one book never posts what the other refuses.

/** The five classes every chart of accounts sorts its accounts into. */
export type AccountClass = 'ASSET' | 'LIABILITY' | 'EQUITY' | 'REVENUE' | 'EXPENSE';

export interface AccountFact {
  /** The system's own code (Xero AccountCode, NAV G/L account No.). */
  code: string;
  name: string;
  /** null when the system does not say (then `statement` may). */
  class: AccountClass | null;
  /** NAV's Income/Balance: which statement the account reports on; null when not said. */
  statement: 'INCOME' | 'BALANCE' | null;
  /** A bank account (Xero BANK); null when the chart does not say. */
  bank: boolean | null;
  /** Takes payments (Xero: a bank account, or "enable payments to this account"). */
  takesPayments: boolean | null;
  /** A control or system account (receivables, payables, tax) that only postings of its own reach. */
  control: boolean;
  /** Blocked, archived, a heading or total, or closed to direct posting. */
  postable: boolean;
  /** Why it is not postable, for the message. */
  notPostableBecause?: string;
}

export interface BookSetup {
  /** null: the system publishes no chart (account checks are left to the write). */
  accounts: AccountFact[] | null;
  /** Currency codes the book takes, its base currency included; null when not published. */
  currencies: string[] | null;
  /** First and last posting date the book accepts (YYYY-MM-DD); null for open-ended. */
  postingFrom: string | null;
  postingTo: string | null;
}

/** A connector that can say what its book allows. */
export interface BookSetupSource {
  readBookSetup(): Promise<BookSetup>;
}

export const hasBookSetup = (c: object): c is BookSetupSource =>
  typeof (c as Partial<BookSetupSource>).readBookSetup === 'function';
