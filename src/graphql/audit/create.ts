// The API's audit trail over one database.
import type { Logger } from '../../ops/logger.js';
import { ApiKeyStore } from '../../store/api-keys.js';
import { AuditLog } from '../../store/audit-log.js';
import type { Database } from '../../store/database.js';
import { ApiAudit } from './api-audit.js';

export const createApiAudit = (db: Database, log: Logger) =>
  new ApiAudit(new AuditLog(db.prisma), new ApiKeyStore(db.prisma), log);
