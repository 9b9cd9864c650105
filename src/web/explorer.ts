// The GraphQL explorer: Ruru (a GraphiQL distribution) whose assets this server serves itself, so
// it works without internet. Queries go over HTTP, subscriptions over graphql-ws, same URL.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ruruHTML } from 'ruru/server';

// ruru exports no version; its package.json sits one folder above the entry point.
const ruruVersion = (
  JSON.parse(
    readFileSync(
      new URL('../package.json', `file://${createRequire(import.meta.url).resolve('ruru/server')}`),
      'utf8',
    ),
  ) as { version: string }
).version;

/** Where the explorer's assets are served; versioned, so they may be cached for a year. */
export const explorerAssetsPath = `/explorer/ruru-${ruruVersion}/`;

const exampleQuery = `# Send a credential in the Headers tab below, e.g. {"Authorization": "Bearer lb_..."}
{
  customers(first: 2) {
    totalCount
    nodes { number name }
  }
}
`;

/** The explorer's page for the GraphQL endpoint at `graphqlPath`. */
export function explorerHtml(graphqlPath: string): string {
  return ruruHTML({
    staticPath: explorerAssetsPath,
    endpoint: graphqlPath,
    clientConfig: { defaultQuery: exampleQuery, isHeadersEditorEnabled: true },
    htmlParts: {
      titleTag: '<title>ledgerbridge · GraphQL explorer</title>',
      // The WebSocket URL follows the page's own origin (ws: or wss:, behind a proxy too).
      configScript: (original) =>
        original.replace(
          '</script>',
          `RURU_CONFIG.subscriptionEndpoint = location.origin.replace(/^http/, "ws") + ${JSON.stringify(graphqlPath)};\n</script>`,
        ),
    },
  });
}
