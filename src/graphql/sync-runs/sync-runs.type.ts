// Running and checking the sync: the totals reconciliation between the two books.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Decimal } from '../../domain/money.js';
import { DateTimeScalar, DecimalScalar } from '../scalars.js';
import { SourceSystem } from '../shared/enums.js';

export enum PartySide {
  CUSTOMER = 'CUSTOMER',
  VENDOR = 'VENDOR',
}
registerEnumType(PartySide, { name: 'PartySide' });

@ObjectType({ description: "One book's documents for a customer or vendor, in one currency." })
export class BookTotals {
  @Field(() => Int)
  documents!: number;

  @Field(() => DecimalScalar, { description: 'Sum of posted/approved document totals.' })
  invoiced!: Decimal;

  @Field(() => DecimalScalar, { description: 'Sum of what is still due on them.' })
  outstanding!: Decimal;
}

@ObjectType({ description: 'A customer or vendor, per currency, as both books see it.' })
export class ReconciliationRow {
  @Field(() => PartySide)
  side!: PartySide;

  @Field(() => ID, { nullable: true, description: 'Global id of the customer or vendor, when known.' })
  partyId!: string | null;

  @Field(() => String, { nullable: true })
  number!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String)
  currency!: string;

  @Field(() => BookTotals, { nullable: true })
  nav!: BookTotals | null;

  @Field(() => BookTotals, { nullable: true })
  xero!: BookTotals | null;

  @Field(() => Boolean, { description: 'Invoiced and outstanding totals equal to the cent.' })
  matches!: boolean;

  @Field(() => DecimalScalar, { nullable: true, description: 'NAV minus Xero.' })
  invoicedDifference!: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'NAV minus Xero.' })
  outstandingDifference!: Decimal | null;
}

@ObjectType()
export class PagesRead {
  @Field(() => SourceSystem)
  system!: SourceSystem;

  @Field(() => Int, { description: 'Pages read (one upstream call each).' })
  pages!: number;
}

@ObjectType({ description: 'Both books read live and compared per customer and vendor.' })
export class ReconciliationReport {
  @Field(() => DateTimeScalar)
  checkedAt!: Date;

  @Field(() => Int)
  mismatches!: number;

  @Field(() => [ReconciliationRow])
  rows!: ReconciliationRow[];

  @Field(() => [PagesRead])
  pagesRead!: PagesRead[];
}

export enum SyncEntity {
  CUSTOMER = 'customer',
  VENDOR = 'vendor',
  ITEM = 'item',
  DIMENSION = 'dimension',
  INVOICE = 'invoice',
  BILL = 'bill',
  PAYMENT = 'payment',
  LEDGER_ENTRY = 'ledgerEntry',
}
registerEnumType(SyncEntity, { name: 'SyncEntity', description: 'What the sync engine reads and writes.' });

@ObjectType({ description: 'A record read that was not applied, and why.' })
export class RejectedRecord {
  @Field(() => String)
  externalId!: string;

  @Field(() => String)
  reason!: string;
}

@ObjectType({ description: 'What one read of a system did.' })
export class SyncRunReport {
  @Field(() => Int)
  read!: number;

  @Field(() => Int)
  applied!: number;

  @Field(() => Int, { description: 'Unchanged since the last sync on that side (our own writes included).' })
  unchanged!: number;

  @Field(() => Int, { description: 'Matched to a record we knew instead of creating a duplicate.' })
  linked!: number;

  @Field(() => [RejectedRecord])
  rejected!: RejectedRecord[];
}

@ObjectType()
export class ResyncPayload {
  @Field(() => Boolean, { description: 'False when the same run was already going (it goes on).' })
  started!: boolean;

  @Field(() => SyncRunReport, { nullable: true, description: 'With wait: what the run did.' })
  report!: SyncRunReport | null;
}

@ObjectType({ description: 'One rate window: its limit and what is left of it.' })
export class RateWindow {
  @Field(() => String, { description: 'minute, day, appminute (Xero); window (NAV/BC).' })
  name!: string;

  @Field(() => Int)
  limit!: number;

  @Field(() => Int, { nullable: true, description: 'Calls left; null when not known yet.' })
  remaining!: number | null;

  @Field(() => DateTimeScalar, { nullable: true })
  resetsAt!: Date | null;
}

@ObjectType({ description: "What is left of a system's rate limits for one tenant or company." })
export class RateBudget {
  @Field(() => SourceSystem)
  system!: SourceSystem;

  @Field(() => String)
  tenant!: string;

  @Field(() => [RateWindow])
  windows!: RateWindow[];

  @Field(() => Int)
  inFlight!: number;

  @Field(() => Int)
  maxInFlight!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Every call waits until then (a 429).' })
  pausedUntil!: Date | null;

  @Field(() => String, { nullable: true, description: 'Which limit caused the pause.' })
  pauseReason!: string | null;
}
