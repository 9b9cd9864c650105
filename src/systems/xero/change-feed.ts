// Xero's change feed: webhooks at /webhooks/xero, stored in the inbox and applied in the
// background (one round at a time), then pushed. In demo mode the sandbox is told to send its
// webhooks here once the server listens.
import type { ChangeFeed, FeedContext } from '../module.js';
import { SyncLinks } from '../../store/sync-links.js';
import { processXeroInbox, xeroInboxRouter } from './inbox.js';

/** The webhook key demo mode gives the Xero sandbox. */
const demoWebhookKey = 'ledgerbridge-demo-webhook-key';

export async function xeroChangeFeed(context: FeedContext): Promise<ChangeFeed | null> {
  const { config, connector, db, inbox, log, sync, sandboxes, signal } = context;
  const links = new SyncLinks(db.prisma);
  const key = sandboxes ? demoWebhookKey : config.XERO_WEBHOOK_KEY;
  if (!key) return null;
  let processing: Promise<unknown> = Promise.resolve();
  const process = () => {
    if (signal.aborted) return;
    processing = processing
      .then(async () => {
        await sync.prepare();
        while ((await processXeroInbox({ inbox, links, sync, tenant: connector.tenant, log })) > 0);
      })
      .then(() => sync.drain())
      .catch((error: unknown) => {
        // Cut short by shutdown: the events stay in the inbox for the next start.
        if (!signal.aborted) log.warn({ err: error }, 'processing the inbox failed; events stay there');
      });
  };
  return {
    routes: [{ path: '/webhooks/xero', router: xeroInboxRouter({ key, inbox, log, onStored: process }) }],
    async start(graphqlUrl) {
      if (!sandboxes) return;
      const url = graphqlUrl.replace(/\/graphql$/, '/webhooks/xero');
      const response = await fetch(`${sandboxes.xero.url}/__sandbox/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url, key: demoWebhookKey }),
      });
      if (response.ok) log.info({ url }, 'demo mode: the Xero sandbox sends its webhooks here');
      else
        log.warn({ status: response.status }, 'demo mode: the Xero sandbox refused the webhook subscription');
    },
    async stop() {
      await processing;
    },
  };
}
