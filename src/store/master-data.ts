// Writes of master data (customers, vendors, items) into the mirror, for mutations and inbound
// sync. Each runs inside the caller's transaction, next to its outbox jobs and events.
import type { Decimal } from '../domain/money.js';
import type { Address } from '../domain/common.js';
import type { Customer, CustomerFields, Item, ItemFields, PartyFields, Vendor } from '../domain/index.js';
import { Prisma, type PrismaClient } from './generated/client.js';
import { emailKey, nameKey } from '../domain/match-keys.js';
import { customerFromRow, itemFromRow, vendorFromRow } from './row-mappers.js';
import { setSyncStatus, settleSyncStatus, type SyncStatusValue } from './sync-status.js';

type Tx = Prisma.TransactionClient;

type SyncState = { syncStatus: SyncStatusValue };
/** A customer's or vendor's fields, the credit limit left out where the source has none. */
type PartyWrite = PartyFields & { creditLimit?: CustomerFields['creditLimit'] | undefined };

const json = (address: Address | null) => (address ? (address as Prisma.InputJsonValue) : Prisma.DbNull);
const money = (value: Decimal | null) => (value === null ? null : value.toFixed());

export class MasterData {
  constructor(private readonly prisma: PrismaClient) {}

  /** A credit limit left undefined (Xero has none) keeps the one the record has. */
  async saveCustomer(tx: Tx, id: string | null, fields: PartyWrite & SyncState): Promise<Customer> {
    const { creditLimit, ...rest } = fields;
    const data = {
      ...rest,
      matchName: nameKey(fields.name),
      matchEmail: emailKey(fields.email),
      address: json(fields.address),
      ...(creditLimit !== undefined || !id ? { creditLimit: money(creditLimit ?? null) } : {}),
    };
    const row = id ? await tx.customer.update({ where: { id }, data }) : await tx.customer.create({ data });
    return customerFromRow(row);
  }

  async saveVendor(tx: Tx, id: string | null, fields: PartyFields & SyncState): Promise<Vendor> {
    const data = { ...fields, address: json(fields.address) };
    const row = id ? await tx.vendor.update({ where: { id }, data }) : await tx.vendor.create({ data });
    return vendorFromRow(row);
  }

  async saveItem(tx: Tx, id: string | null, fields: ItemFields & SyncState): Promise<Item> {
    const data = { ...fields, unitPrice: money(fields.unitPrice), unitCost: money(fields.unitCost) };
    const row = id ? await tx.item.update({ where: { id }, data }) : await tx.item.create({ data });
    return itemFromRow(row);
  }

  /** Creates (id null) or updates a customer, vendor or item; vendors ignore a credit limit. */
  save(
    tx: Tx,
    entity: 'customer' | 'vendor' | 'item',
    id: string | null,
    fields: PartyWrite | ItemFields,
    syncStatus: SyncState['syncStatus'],
  ): Promise<Customer | Vendor | Item> {
    if (entity === 'item') return this.saveItem(tx, id, { ...(fields as ItemFields), syncStatus });
    const { creditLimit, ...party } = fields as PartyWrite;
    if (entity === 'vendor') return this.saveVendor(tx, id, { ...party, syncStatus });
    return this.saveCustomer(tx, id, { ...party, creditLimit, syncStatus });
  }

  async byNumber(
    entity: 'customer' | 'vendor' | 'item',
    number: string,
    tx: Tx | PrismaClient = this.prisma,
  ): Promise<Customer | Vendor | Item | null> {
    if (entity === 'customer') return this.customerByNumber(number, tx);
    if (entity === 'vendor') return this.vendorByNumber(number, tx);
    return this.itemByNumber(number, tx);
  }

  async byId(
    entity: 'customer' | 'vendor' | 'item',
    id: string,
    tx: Tx | PrismaClient = this.prisma,
  ): Promise<Customer | Vendor | Item | null> {
    if (entity === 'customer') {
      const row = await tx.customer.findUnique({ where: { id } });
      return row ? customerFromRow(row) : null;
    }
    if (entity === 'vendor') {
      const row = await tx.vendor.findUnique({ where: { id } });
      return row ? vendorFromRow(row) : null;
    }
    const row = await tx.item.findUnique({ where: { id } });
    return row ? itemFromRow(row) : null;
  }

  async customerByNumber(number: string, tx: Tx | PrismaClient = this.prisma): Promise<Customer | null> {
    const row = await tx.customer.findUnique({ where: { number } });
    return row ? customerFromRow(row) : null;
  }

  async vendorByNumber(number: string, tx: Tx | PrismaClient = this.prisma): Promise<Vendor | null> {
    const row = await tx.vendor.findUnique({ where: { number } });
    return row ? vendorFromRow(row) : null;
  }

  /** Which of these item numbers the mirror holds (one query). */
  async knownItemNumbers(numbers: readonly string[]): Promise<Set<string>> {
    return new Set((await this.itemIds(numbers)).keys());
  }

  /** The ids of the items the mirror holds under these numbers, by number (one query). */
  async itemIds(
    numbers: readonly string[],
    tx: Tx | PrismaClient = this.prisma,
  ): Promise<Map<string, string>> {
    if (numbers.length === 0) return new Map();
    const rows = await tx.item.findMany({
      where: { number: { in: [...numbers] } },
      select: { id: true, number: true },
    });
    return new Map(rows.map((r) => [r.number, r.id]));
  }

  /** The sales and purchase accounts of the items the mirror holds under these numbers (one query). */
  itemPostingAccounts(
    numbers: readonly string[],
  ): Promise<{ number: string; salesAccountCode: string | null; purchaseAccountCode: string | null }[]> {
    return this.prisma.item.findMany({
      where: { number: { in: [...numbers] } },
      select: { number: true, salesAccountCode: true, purchaseAccountCode: true },
    });
  }

  /** The customers or vendors the mirror holds, each with its number and name (one query). */
  parties(side: 'CUSTOMER' | 'VENDOR'): Promise<{ id: string; number: string | null; name: string }[]> {
    const select = { id: true, number: true, name: true } as const;
    return side === 'CUSTOMER'
      ? this.prisma.customer.findMany({ select })
      : this.prisma.vendor.findMany({ select });
  }

  async itemByNumber(number: string, tx: Tx | PrismaClient = this.prisma): Promise<Item | null> {
    const row = await tx.item.findUnique({ where: { number } });
    return row ? itemFromRow(row) : null;
  }

  /**
   * Up to five customers with this name key or email key (see domain/match-keys), each with the
   * keys it matched by; index look-ups, so matching stays cheap however many customers there are.
   */
  async customerCandidates(
    name: string | null,
    email: string | null,
    tx: Tx | PrismaClient = this.prisma,
  ): Promise<
    { id: string; number: string | null; name: string; matchName: string | null; matchEmail: string | null }[]
  > {
    const keys = [...(name ? [{ matchName: name }] : []), ...(email ? [{ matchEmail: email }] : [])];
    if (keys.length === 0) return [];
    return tx.customer.findMany({
      where: { OR: keys },
      select: { id: true, number: true, name: true, matchName: true, matchEmail: true },
      orderBy: { createdAt: 'asc' },
      take: 5,
    });
  }

  /**
   * Takes the number a system assigned, unless the record already has one; returns the updated
   * record when it changed (the other systems then need the number too), else null.
   */
  async adoptNumber(
    tx: Tx,
    entity: 'customer' | 'vendor',
    id: string,
    number: string,
  ): Promise<Customer | Vendor | null> {
    const where = { id, number: null };
    if (entity === 'customer') {
      const { count } = await tx.customer.updateMany({ where, data: { number } });
      return count ? customerFromRow(await tx.customer.findUniqueOrThrow({ where: { id } })) : null;
    }
    const { count } = await tx.vendor.updateMany({ where, data: { number } });
    return count ? vendorFromRow(await tx.vendor.findUniqueOrThrow({ where: { id } })) : null;
  }

  /** After one of its jobs settled: see settleSyncStatus in sync-status.ts. */
  settleSyncStatus(tx: Tx, entity: 'customer' | 'vendor' | 'item', id: string): Promise<void> {
    return settleSyncStatus(tx, entity, id);
  }

  /** Sets the sync status shown on a record (PENDING while jobs run, SYNCED after). */
  setSyncStatus(tx: Tx, entity: 'customer' | 'vendor' | 'item', id: string, status: SyncStatusValue) {
    return setSyncStatus(tx, entity, id, status);
  }
}
