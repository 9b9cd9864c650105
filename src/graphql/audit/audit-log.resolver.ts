// auditLog: the audit trail, newest first, for admins.
import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { AuditRow } from '../../store/audit-log.js';
import type { GraphQLContext } from '../context.js';
import { connectionTypes } from '../shared/connection.type.js';
import { ConnectionArgs } from '../shared/paging.input.js';
import { checkRange } from '../shared/query-helpers.js';
import { AuditEntry, AuditLogFilter } from './audit-log.type.js';

export const AuditEntryConnection = connectionTypes(AuditEntry, 'AuditEntry');

export function auditEntryView(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    seq: row.seq.toString(),
    at: row.at,
    actor: { kind: row.actorKind, id: row.actorId, name: row.actorName, role: row.actorRole },
    operation: row.operation,
    arguments: row.arguments,
    outcome: row.outcome,
    touched: row.touched,
    requestId: row.requestId,
    clientAddress: row.clientAddress,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

@Resolver()
export class AuditLogResolver {
  @Authorized('admin')
  @Query(() => AuditEntryConnection, {
    description: 'The audit trail, newest first: every mutation, admin action and refused credential.',
  })
  async auditLog(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    checkRange(filter?.from, filter?.to, ['filter', 'to']);
    const rows = await ctx.auditLog.page(filter ?? {}, page, ctx.maxPageSize);
    return AuditEntryConnection.from({ ...rows, rows: rows.rows.map(auditEntryView) });
  }
}
