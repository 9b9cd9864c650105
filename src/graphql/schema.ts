// Builds the executable schema from the type-graphql resolvers and prints the SDL artefact.
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { authChecker } from '../auth/checker.js';
import { ApiKeyResolver } from './auth/api-key.resolver.js';
import { BillResolver } from './documents/bill.resolver.js';
import { DimensionResolver, DimensionValueResolver } from './dimensions/dimension.resolver.js';
import { InvoiceResolver } from './documents/invoice.resolver.js';
import { ItemResolver } from './items/item.resolver.js';
import { LedgerEntryResolver } from './ledger-entries/ledger-entry.resolver.js';
import { TrialBalanceResolver } from './ledger-entries/trial-balance.resolver.js';
import { BillLineResolver, InvoiceLineResolver, SalesOrderLineResolver } from './documents/lines.resolver.js';
import { NodeResolver } from './shared/node.resolver.js';
import { CustomerResolver, VendorResolver } from './parties/party.resolver.js';
import { PaymentResolver } from './payments/payment.resolver.js';
import { SalesOrderResolver } from './sales-orders/sales-order.resolver.js';
import { SyncOpsResolver } from './sync-ops/sync-ops.resolver.js';
import { SyncOpsListsResolver } from './sync-ops/sync-ops-lists.resolver.js';
import { MasterDataMutations } from './master-data/master-data.resolver.js';
import { SyncRunsResolver } from './sync-runs/sync-runs.resolver.js';
import { DocumentMutations } from './documents/document-mutations.resolver.js';
import { AuditLogResolver } from './audit/audit-log.resolver.js';
import { mutationCause } from './audit/cause-middleware.js';

export const resolvers = [
  NodeResolver,
  CustomerResolver,
  VendorResolver,
  ItemResolver,
  SalesOrderResolver,
  InvoiceResolver,
  BillResolver,
  PaymentResolver,
  LedgerEntryResolver,
  TrialBalanceResolver,
  DimensionResolver,
  DimensionValueResolver,
  InvoiceLineResolver,
  BillLineResolver,
  SalesOrderLineResolver,
  SyncOpsResolver,
  SyncOpsListsResolver,
  MasterDataMutations,
  SyncRunsResolver,
  DocumentMutations,
  ApiKeyResolver,
  AuditLogResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The schema is built once per process (type-graphql metadata is global). */
export function createSchema(): Promise<GraphQLSchema> {
  // Every subscription brings its own subscribe function (the event bus, with resume), but
  // type-graphql insists on a PubSub; this one stays unused.
  built ??= buildSchema({
    resolvers,
    authChecker,
    globalMiddlewares: [mutationCause],
    validate: false,
    emitSchemaFile: false,
    pubSub: createPubSub(),
  });
  return built;
}

/** The SDL committed at schema/schema.graphql: sorted, so diffs show real changes only. */
export async function printSchemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}
