// Admins see the API keys; creating, rotating and revoking stay in the CLI, where a new key can be
// printed once without passing through an HTTP response or a log.
import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { isRole } from '../../auth/roles.js';
import type { GraphQLContext } from '../context.js';
import { ApiKey } from './api-key.type.js';

@Resolver()
export class ApiKeyResolver {
  @Authorized('admin')
  @Query(() => [ApiKey], { description: 'Every API key, oldest first (never the key itself).' })
  async apiKeys(@Ctx() ctx: GraphQLContext): Promise<ApiKey[]> {
    return (await ctx.apiKeys.list()).flatMap((row) =>
      isRole(row.role) ? [{ ...row, role: row.role }] : [],
    );
  }
}
