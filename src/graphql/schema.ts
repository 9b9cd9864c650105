// Builds the executable schema from the type-graphql resolvers and prints the SDL artefact.
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { BillResolver } from './resolvers/bill.js';
import { DimensionResolver, DimensionValueResolver } from './resolvers/dimension.js';
import { InvoiceResolver } from './resolvers/invoice.js';
import { ItemResolver } from './resolvers/item.js';
import { LedgerEntryResolver } from './resolvers/ledger-entry.js';
import { BillLineResolver, InvoiceLineResolver, SalesOrderLineResolver } from './resolvers/lines.js';
import { NodeResolver } from './resolvers/node.js';
import { CustomerResolver, VendorResolver } from './resolvers/party.js';
import { PaymentResolver } from './resolvers/payment.js';
import { SalesOrderResolver } from './resolvers/sales-order.js';
import { SyncOpsResolver } from './resolvers/sync-ops.js';
import { MasterDataMutations } from './resolvers/master-mutations.js';
import { SyncRunsResolver } from './resolvers/sync-runs.js';
import { DocumentMutations } from './resolvers/document-mutations.js';

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
  DimensionResolver,
  DimensionValueResolver,
  InvoiceLineResolver,
  BillLineResolver,
  SalesOrderLineResolver,
  SyncOpsResolver,
  MasterDataMutations,
  SyncRunsResolver,
  DocumentMutations,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The schema is built once per process (type-graphql metadata is global). */
export function createSchema(): Promise<GraphQLSchema> {
  // Every subscription brings its own subscribe function (the event bus, with resume), but
  // type-graphql insists on a PubSub; this one stays unused.
  built ??= buildSchema({ resolvers, validate: false, emitSchemaFile: false, pubSub: createPubSub() });
  return built;
}

/** The SDL committed at schema/schema.graphql: sorted, so diffs show real changes only. */
export async function printSchemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}
