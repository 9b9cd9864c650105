// Every setting the gateway reads, as ONE zod schema over environment variables: the core ones
// here, and each registered system's own (src/systems/<system>/settings.ts, named by its entry in
// the registry) with their checks.
import { z } from 'zod';
import { accessSettings } from './access.js';
import { optionalUrl, port } from './fields.js';
import { systemRegistry } from '../systems/registry.js';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
/** Every registered system's keys in one shape. */
type SystemsShape = UnionToIntersection<(typeof systemRegistry)[number]['settings']['shape']>;
const systemsShape = Object.assign({}, ...systemRegistry.map((s) => s.settings.shape)) as SystemsShape;

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: port.default(4000),
    /** Where the embedded PGlite database lives when DATABASE_URL is not set. */
    DATA_DIR: z.string().min(1).default('./data'),
    /** PostgreSQL connection string; when set, PostgreSQL replaces the embedded PGlite. */
    DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** Redis for shared events and rate budgets across gateway processes. */
    REDIS_URL: optionalUrl(['redis:', 'rediss:']),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Largest page a list query may ask for (`first`/`last`). */
    MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
    /** Mutations one request may run (aliases of one mutation count each). */
    MAX_MUTATIONS_PER_REQUEST: z.coerce.number().int().min(1).max(1000).default(20),
    /** How long SIGTERM waits for in-flight requests before closing anyway. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    /**
     * Then how long the sync side may take to stop (a push's call already sent finishes; waits for
     * rate budget end at once) before it is closed anyway, naming what still runs.
     */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    /**
     * AES-256-GCM key sealing connector tokens at rest: base64 of 32 random bytes. Required with
     * DATABASE_URL; with embedded PGlite one is generated once into DATA_DIR when unset.
     */
    SECRET_KEY: z
      .string()
      .trim()
      .refine(
        (value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32,
        'base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`)',
      )
      .optional(),

    /**
     * Demo mode runs the Xero and NAV sandboxes in-process with demo data and syncs them. "auto":
     * on when neither Xero nor NAV is configured.
     */
    DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
    SANDBOX_XERO_PORT: port.default(4101),
    SANDBOX_NAV_PORT: port.default(4102),
    /** Code lookup tables between NAV and Xero (YAML or JSON). */
    LOOKUPS_FILE: z.string().min(1).default('config/lookups.demo.yaml'),
    /** How often each system is polled for changes. */
    SYNC_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
    /** A full read of every entity (finds deletions and what deltas miss); 0 turns it off. */
    FULL_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).default(86_400_000),
    SYNC_WORKERS: z.coerce.number().int().min(0).max(32).default(2),
    /** How long a claimed job is a worker's; a job whose process died is taken over after it. */
    SYNC_LEASE_MS: z.coerce.number().int().min(1_000).default(60_000),
    /** How long events stay in the log for subscribers to resume from. */
    EVENT_RETENTION_HOURS: z.coerce.number().int().min(1).default(168),

    /**
     * "auto": required once OIDC is configured, otherwise the local mode (every caller is an admin,
     * loopback only). "required": every request needs an API key or a token.
     */
    AUTH_MODE: z.enum(['auto', 'required']).default('auto'),
    /** OIDC issuer whose bearer tokens (JWTs) are accepted; turns authentication on. */
    AUTH_OIDC_ISSUER: optionalUrl(['https:', 'http:']),
    /** The audience tokens must name (the API's client id or identifier at the issuer). */
    AUTH_OIDC_AUDIENCE: z.string().trim().min(1).optional(),
    /** Where the signing keys are; by default the jwks_uri of the issuer's discovery document. */
    AUTH_OIDC_JWKS_URL: optionalUrl(['https:', 'http:']),
    /** The claim listing the caller's roles (a dotted path reaches into objects). */
    AUTH_OIDC_ROLES_CLAIM: z.string().trim().min(1).default('roles'),
    /** CORS and WebSocket origins, introspection by role, budgets per caller (see access.ts). */
    ...accessSettings,

    ...systemsShape,
  })
  .superRefine((c, ctx) => {
    const config = c as Record<string, unknown>;
    const need = (key: string, why: string) => {
      if (config[key] === undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `required ${why}` });
    };
    const issue = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
    if (c.AUTH_OIDC_ISSUER) need('AUTH_OIDC_AUDIENCE', 'with AUTH_OIDC_ISSUER');
    for (const system of systemRegistry)
      (system.settings.check as (c: unknown, n: typeof need, i: typeof issue) => void)(c, need, issue);
  });

export type Config = z.output<typeof configSchema>;
