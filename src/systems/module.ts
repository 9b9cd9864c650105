// What each system's folder gives the rest of the gateway through its module.ts: how it is
// configured and connected (or wired to its built-in sandbox in demo mode), its change feed
// (webhooks), how its codes relate to the unified vocabulary, and the traits that make the sync
// treat it as it must. Pipelines and the runtime ask these instead of naming a system.
import type { Router } from 'express';
import type { Redis } from 'ioredis';
import type { RunningSandboxes } from '@ledgerbridge/sandbox';
import type { Config } from '../config/schema.js';
import type { Lookups } from '../mapping/lookups.js';
import type { Logger } from '../ops/logger.js';
import type { Database } from '../store/database.js';
import type { Inbox } from '../store/inbox.js';
import type { DocumentKind } from '../store/documents.js';
import type { DocumentStatus } from '../domain/document.js';
import type { SourceSystem } from './registry.js';
import type { Connector, DocumentDraft, ItemDraft, PartyDraft, RemoteRef } from './system.js';

export type RefreshableEntity = 'customer' | 'vendor' | 'item' | DocumentKind;

/** How the sync must treat a system: what it owns, how it refers to things, what it never edits. */
export interface SystemTraits {
  /**
   * It numbers customers, vendors and items itself (NAV's No.): it is read first so records the
   * others hold under the same number link to it, a number it assigns is sent on to the others, a
   * create refused as existing is the record with that number, and its document lines name items
   * the mirror may not have read yet.
   */
  numbersMasterData: boolean;
  /** Statuses of a document that count in its books (only those sync). */
  bookedStatuses: readonly DocumentStatus[];
  /** A booked document is never edited there (NAV: posted): a change or a void is a conflict. */
  bookedDocumentsImmutable: boolean;
  /** Dimensions: read from here ('owner'), written here as tracking categories ('tracking'), or neither. */
  dimensions: 'owner' | 'tracking' | 'none';
  /** Customers and vendors are one list there (Xero contacts: archived, never deleted). */
  partiesShareOneList: boolean;
  /** Documents refer to their party by number (NAV) rather than by the system's id. */
  refersToPartiesByNumber: boolean;
}

/**
 * The system's codes against the unified vocabulary (NAV's codes), through the lookup tables.
 * `translatesCodes: false` means it speaks the unified codes; its functions then only adjust.
 */
export interface Vocabulary {
  translatesCodes: boolean;
  partyOut(draft: PartyDraft, lookups: Lookups | null): PartyDraft;
  partyIn(draft: PartyDraft, lookups: Lookups | null): PartyDraft;
  itemOut(draft: ItemDraft, lookups: Lookups | null): ItemDraft;
  /** `read` still carries the posting group, which some systems take the accounts from. */
  itemIn(read: ItemDraft, lookups: Lookups | null): ItemDraft;
  /** A unified document in the system's vocabulary, referring to the party by `party`. */
  documentOut(
    kind: DocumentKind,
    doc: DocumentDraft,
    party: RemoteRef,
    context: DocumentOutContext,
  ): DocumentDraft;
  documentIn(kind: DocumentKind, draft: DocumentDraft, lookups: Lookups | null): DocumentDraft;
  /** The bank/G/L account a payment is paid from or into. */
  paymentAccountOut(code: string, lookups: Lookups | null): string;
  paymentAccountIn(code: string, lookups: Lookups | null): string;
}

export interface DocumentOutContext {
  lookups: Lookups | null;
  itemAccounts: ItemAccounts;
}

/** The G/L account an item posts to, per side (NAV lines of type Item carry no account). */
export type ItemAccounts = ReadonlyMap<string, { sales: string | null; purchase: string | null }>;

export interface ConnectContext {
  config: Config;
  db: Database;
  log: Logger;
  /** Shutdown: ends rate-limit waits at once. */
  signal: AbortSignal;
  /** Shared rate budgets between gateway processes (REDIS_URL). */
  redis?: Redis | undefined;
  /** Demo mode: the built-in sandboxes to connect to instead of the configuration. */
  sandboxes: RunningSandboxes | null;
}

/** What a change feed needs of the sync engine, without knowing it. */
export interface InboundSync {
  /** Re-reads these records from `system` in batched calls and applies what changed. */
  refresh(
    system: SourceSystem,
    entity: RefreshableEntity,
    externalIds: string[],
  ): Promise<{ rejected: readonly { externalId: string; reason: string }[] }>;
  /** A delta read of `entity` from `system`; null when the engine does not sync it. */
  pull(system: SourceSystem, entity: string): Promise<unknown> | null;
  /** Before applying records: the lookup tables learn the dimension values synced so far. */
  prepare(): Promise<void>;
  /** Pushes what the applied changes queued. */
  drain(): Promise<void>;
}

export interface FeedContext extends ConnectContext {
  connector: Connector;
  inbox: Inbox;
  sync: InboundSync;
}

/** Webhooks in: the routes to mount, started once the server listens. */
export interface ChangeFeed {
  routes: { path: string; router: Router }[];
  /** The server now listens at `graphqlUrl`. */
  start(graphqlUrl: string): Promise<void>;
  /** Ends background work; what is stored stays for the next start. */
  stop(): Promise<void>;
}

export interface SystemModule {
  id: SourceSystem;
  traits: SystemTraits;
  vocabulary: Vocabulary;
  /** The configuration names this system, so it is connected at start-up. */
  configured(config: Config): boolean;
  /** Connects as configured, or to its built-in sandbox in demo mode. */
  connect(context: ConnectContext): Promise<Connector>;
  /** Its webhooks, when configured; null when changes are read by polling only. */
  changeFeed?(context: FeedContext): Promise<ChangeFeed | null>;
}
