// What every resolver receives: the caller and its request, the mirror reader, fresh DataLoaders for this request,
// config.
import type { Actor } from '../auth/roles.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../ops/logger.js';
import { ApiKeyStore } from '../store/api-keys.js';
import { AuditLog } from '../store/audit-log.js';
import { MirrorReader } from '../store/mirror-reader.js';
import type { Database } from '../store/database.js';
import { Loaders } from './loaders.js';
import { requestIdOf, type RequestInfo } from './audit/request-info.js';
import type { SyncServices } from '../sync/contract.js';

export type { SyncServices } from '../sync/contract.js';

export interface GraphQLContext {
  /** Who is asking; null when no credential came (only an unauthenticated field would answer). */
  actor: Actor | null;
  sync: SyncServices;
  reader: MirrorReader;
  apiKeys: ApiKeyStore;
  auditLog: AuditLog;
  /** This request's id (sent back as x-request-id) and client address, for the audit trail. */
  request: RequestInfo;
  loaders: Loaders;
  maxPageSize: number;
  log: Logger;
}

export function createContextFactory(
  db: Database,
  config: Pick<Config, 'MAX_PAGE_SIZE'>,
  log: Logger,
  sync: SyncServices,
) {
  const reader = new MirrorReader(db.prisma, config.MAX_PAGE_SIZE);
  const apiKeys = new ApiKeyStore(db.prisma);
  const auditLog = new AuditLog(db.prisma);
  return (
    actor: Actor | null,
    request: RequestInfo = { id: requestIdOf(undefined), clientAddress: null, transport: 'http' },
  ): GraphQLContext => ({
    actor,
    sync,
    reader,
    apiKeys,
    auditLog,
    request,
    loaders: new Loaders(reader),
    maxPageSize: config.MAX_PAGE_SIZE,
    log,
  });
}
