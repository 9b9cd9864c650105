// Settings of who may reach the API and how much each caller may spend: the browser origins
// allowed (CORS and WebSocket Origin), the roles that may introspect the schema, the budgets per
// caller by role, and how often the keys of open WebSockets are checked again.
import { z } from 'zod';
import { isRole, roles, type Role } from '../auth/roles.js';

export type PerRole = Record<Role, number>;

/**
 * A number for every role, or `role=number` pairs (`viewer=200000,admin=5000000`); a role not
 * named keeps its default.
 */
export function perRole(defaults: PerRole) {
  const text = Object.entries(defaults)
    .map(([role, n]) => `${role}=${n}`)
    .join(',');
  return z
    .string()
    .trim()
    .default(text)
    .transform((value, ctx): PerRole => {
      if (/^\d+$/.test(value)) {
        const n = Number(value);
        if (n >= 1) return Object.fromEntries(roles.map((r) => [r, n])) as PerRole;
      }
      const result = { ...defaults };
      for (const pair of value.split(',')) {
        const match = /^\s*(\w+)\s*=\s*(\d+)\s*$/.exec(pair);
        if (!match || !isRole(match[1]) || Number(match[2]) < 1) {
          ctx.addIssue({
            code: 'custom',
            message: `a whole number from 1, or role=number pairs separated by commas (roles: ${roles.join(', ')})`,
          });
          return z.NEVER;
        }
        result[match[1]] = Number(match[2]);
      }
      return result;
    });
}

/** `scheme://host[:port]` exactly as a browser sends it in Origin. */
function origin(value: string): string | null {
  try {
    const url = new URL(value);
    if (!['http:', 'https:'].includes(url.protocol) || url.origin !== value.replace(/\/$/, '')) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export const accessSettings = {
  /** Browser origins allowed to call the API (CORS) and open WebSockets; empty: none (no CORS headers). */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const list = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const origins = list.map(origin);
      if (origins.some((o) => o === null)) {
        ctx.addIssue({
          code: 'custom',
          message: 'origins like https://app.example.com (scheme, host and port only), separated by commas',
        });
        return z.NEVER;
      }
      return origins as string[];
    }),
  /**
   * Roles that may query `__schema`/`__type`: a comma-separated list, or `none`. Unset: every role,
   * except with NODE_ENV=production, where only admin.
   */
  INTROSPECTION_ROLES: z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === 'none') return [] as Role[];
      const list = value.split(',').map((s) => s.trim());
      if (!list.every(isRole)) {
        ctx.addIssue({ code: 'custom', message: `roles separated by commas (${roles.join(', ')}), or none` });
        return z.NEVER;
      }
      return list;
    })
    .optional(),
  /** Query cost (the same pricing as the per-request limit) each caller may spend per minute. */
  LIMIT_COST_PER_MINUTE: perRole({
    viewer: 1_000_000,
    accountant: 1_000_000,
    operator: 2_000_000,
    admin: 10_000_000,
  }),
  /** Mutation operations each caller may send per minute. */
  LIMIT_MUTATIONS_PER_MINUTE: perRole({ viewer: 60, accountant: 600, operator: 1_200, admin: 6_000 }),
  /** Subscriptions each caller may hold open at once (per gateway process). */
  LIMIT_SUBSCRIPTIONS: perRole({ viewer: 20, accountant: 20, operator: 50, admin: 200 }),
  /** How often the API keys of open WebSockets are checked again (revoked or rotated elsewhere); 0: never. */
  KEY_RECHECK_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
};

/** The roles that may introspect: as configured, or every role outside production and admin in it. */
export const introspectionRoles = (config: {
  NODE_ENV: string;
  INTROSPECTION_ROLES?: Role[] | undefined;
}): readonly Role[] => config.INTROSPECTION_ROLES ?? (config.NODE_ENV === 'production' ? ['admin'] : roles);
