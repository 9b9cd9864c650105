// NAV / Business Central's settings: dialect, service root, company, authentication (Basic, NTLM
// or OAuth client credentials), our id fields, the global dimensions and BC webhooks. Composed into
// the one configuration schema.
import { z } from 'zod';
import { optionalUrl } from '../../config/fields.js';
import { defineSettings } from '../settings.js';

const idFieldTables = ['customer', 'vendor', 'item'] as const;
type IdFieldTable = (typeof idFieldTables)[number];
const idFieldsExpected =
  'comma-separated entity=Field pairs, entity one of customer, vendor, item and Field the name the ' +
  'NAV page publishes it under (e.g. customer=LB_Id,vendor=LB_Id,item=LB_Id)';

/** `customer=LB_Id,vendor=LB_Id` → { customer: 'LB_Id', vendor: 'LB_Id' } (each entity once). */
const navIdFields = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const fields: Partial<Record<IdFieldTable, string>> = {};
    for (const pair of value.split(',')) {
      const match = /^\s*([a-z]+)\s*=\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(pair);
      const table = match?.[1] as IdFieldTable | undefined;
      if (!match || !table || !idFieldTables.includes(table)) {
        ctx.addIssue({ code: 'custom', message: idFieldsExpected });
        return z.NEVER;
      }
      if (fields[table] !== undefined) {
        ctx.addIssue({ code: 'custom', message: `${table} is named more than once (${idFieldsExpected})` });
        return z.NEVER;
      }
      fields[table] = match[2]!;
    }
    return fields;
  });

const globalDimensionsExpected =
  'the codes of Global Dimension 1 and 2 as General Ledger Setup names them, comma-separated ' +
  '(e.g. DEPARTMENT,AREA; one code when only Global Dimension 1 is set), or none';

/** `DEPARTMENT,AREA` → ['DEPARTMENT', 'AREA']; `none` → [null, null]. */
const navGlobalDimensions = z
  .string()
  .trim()
  .transform((value, ctx): readonly [string | null, string | null] => {
    if (value.toLowerCase() === 'none') return [null, null];
    const codes = value.split(',').map((c) => c.trim().toUpperCase());
    if (codes.length > 2 || codes.some((c) => !/^[A-Z0-9_\-\s]{1,20}$/.test(c)) || codes[0] === codes[1]) {
      ctx.addIssue({ code: 'custom', message: globalDimensionsExpected });
      return z.NEVER;
    }
    return [codes[0] ?? null, codes[1] ?? null];
  });

export const navSettings = defineSettings(
  {
    /** NAV 2017/2018 OData V4 (nav-odata-v4) or Business Central API v2.0 (bc-api-v2). */
    NAV_DIALECT: z.enum(['nav-odata-v4', 'bc-api-v2']).default('nav-odata-v4'),
    /** Service root, e.g. http://navserver:7048/DynamicsNAV110/ODataV4. */
    NAV_URL: optionalUrl(['http:', 'https:']),
    NAV_COMPANY: z.string().min(1).optional(),
    NAV_USER: z.string().min(1).optional(),
    NAV_ACCESS_KEY: z.string().min(1).optional(),
    NAV_LOCAL_CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as GBP')
      .default('GBP'),
    /**
     * Master data: the NAV page field (one a partner added to the table and card page) that stores
     * our id, per entity, e.g. `customer=LB_Id,vendor=LB_Id,item=LB_Id`. A record is then looked up
     * by it before it is created, so a retry never duplicates one NAV numbers itself. Checked
     * against $metadata at start-up. NAV dialect only.
     */
    NAV_ID_FIELDS: navIdFields.optional(),
    /**
     * NAV's Global Dimension 1 and 2 codes (General Ledger Setup), which NAV's OData pages publish
     * only as Shortcut_Dimension_1/2_Code on document lines: without them every line reads as
     * having no dimensions. Required with the NAV dialect (`none` when the company has none);
     * Business Central's API publishes each line's dimensions itself.
     */
    NAV_GLOBAL_DIMENSIONS: navGlobalDimensions.optional(),
    /**
     * How NAV_USER signs in: `basic` (web service access key, NAV_ACCESS_KEY) or `ntlm` (a Windows
     * account, for NAV servers on Windows authentication: NAV_PASSWORD and NAV_DOMAIN).
     */
    NAV_AUTH: z.enum(['basic', 'ntlm']).default('basic'),
    /** NTLM: the Windows account's password and (NetBIOS) domain, e.g. CRONUS. */
    NAV_PASSWORD: z.string().min(1).optional(),
    NAV_DOMAIN: z.string().min(1).optional(),
    /** NTLM: the workstation name sent in the handshake (default: this host's name). */
    NAV_WORKSTATION: z.string().min(1).optional(),
    /** Business Central OAuth (client credentials) instead of Basic. */
    BC_TOKEN_URL: optionalUrl(['http:', 'https:']),
    BC_CLIENT_ID: z.string().min(1).optional(),
    BC_CLIENT_SECRET: z.string().min(1).optional(),
    /**
     * The gateway's address as Business Central reaches it (e.g. https://ledger.example.com). With
     * NAV_DIALECT=bc-api-v2 the gateway subscribes to BC's change notifications at
     * <PUBLIC_URL>/webhooks/bc; without it BC changes are read by polling only.
     */
    PUBLIC_URL: optionalUrl(['http:', 'https:']),
    /** Renew a BC webhook subscription once less than this is left of it (BC online: 3 days). */
    BC_WEBHOOK_RENEW_BEFORE_MS: z.coerce.number().int().min(1000).default(86_400_000),
  },
  (c, need, issue) => {
    if (c.NAV_ID_FIELDS && c.NAV_DIALECT === 'bc-api-v2')
      issue(
        'NAV_ID_FIELDS',
        "only with NAV_DIALECT=nav-odata-v4: Business Central's API v2.0 pages cannot carry a field of ours",
      );
    if (c.NAV_URL) {
      need('NAV_COMPANY', 'with NAV_URL');
      if (c.NAV_DIALECT === 'nav-odata-v4')
        need(
          'NAV_GLOBAL_DIMENSIONS',
          `with NAV_DIALECT=nav-odata-v4: ${globalDimensionsExpected}. NAV's pages give document lines only these two dimensions, by position`,
        );
      if (c.NAV_AUTH === 'ntlm') {
        need('NAV_USER', 'with NAV_AUTH=ntlm');
        need('NAV_PASSWORD', 'with NAV_AUTH=ntlm');
        need('NAV_DOMAIN', 'with NAV_AUTH=ntlm');
        if (c.BC_CLIENT_ID) issue('NAV_AUTH', 'ntlm cannot be combined with BC_CLIENT_ID');
      } else if (!c.BC_CLIENT_ID) {
        need('NAV_USER', 'with NAV_URL (or BC_CLIENT_ID for OAuth)');
        need('NAV_ACCESS_KEY', 'with NAV_URL (or BC_CLIENT_ID for OAuth)');
      } else {
        need('BC_CLIENT_SECRET', 'with BC_CLIENT_ID');
        need('BC_TOKEN_URL', 'with BC_CLIENT_ID');
      }
    }
  },
);
