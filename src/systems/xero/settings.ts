// Xero's settings: the app, the stored connection and the tenant to sync, other endpoints (a
// proxy, or the sandbox) and the webhook key. Composed into the one configuration schema.
import { z } from 'zod';
import { optionalUrl } from '../../config/fields.js';
import { defineSettings } from '../settings.js';

export const xeroSettings = defineSettings(
  {
    /** Xero app (developer.xero.com) and the stored connection and tenant to sync. */
    XERO_CLIENT_ID: z.string().min(1).optional(),
    XERO_CLIENT_SECRET: z.string().min(1).optional(),
    XERO_CONNECTION: z.string().min(1).default('default'),
    XERO_TENANT_ID: z.string().min(1).optional(),
    XERO_API_URL: optionalUrl(['http:', 'https:']),
    /** Base of the identity endpoints (/connect/token, /connections) when not Xero's own. */
    XERO_IDENTITY_URL: optionalUrl(['http:', 'https:']),
    /** The webhook key from the Xero app's Webhooks page; enables POST /webhooks/xero. */
    XERO_WEBHOOK_KEY: z.string().min(1).optional(),
  },
  (c, need) => {
    if (c.XERO_CLIENT_ID) need('XERO_CLIENT_SECRET', 'with XERO_CLIENT_ID');
  },
);
