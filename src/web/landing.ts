// The page at `/`: what this is, and where to go. Plain HTML, nothing loaded from anywhere.
export interface LandingLinks {
  graphqlPath: string;
  /** Paths of optional endpoints; a missing one is shown as not available yet. */
  metricsPath?: string | undefined;
  consolePath?: string | undefined;
}

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function item(label: string, path: string | undefined, what: string): string {
  const target = path
    ? `<a href="${escape(path)}">${escape(label)}</a>`
    : `<span class="off">${escape(label)}</span> (not available yet)`;
  return `<li>${target} — ${escape(what)}</li>`;
}

export function landingHtml(version: string, links: LandingLinks): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ledgerbridge ${escape(version)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 3rem auto; padding: 0 1rem; color: #1d2330; }
h1 { margin-bottom: 0; } .version { color: #5b6475; margin-top: 0; }
li { margin: .4rem 0; } .off { color: #8a93a3; } code { background: #f1f3f6; padding: 0 .25rem; }
</style>
</head>
<body>
<h1>ledgerbridge</h1>
<p class="version">version ${escape(version)}</p>
<p>One GraphQL API over Xero and Microsoft Dynamics NAV / Business Central.</p>
<ul>
${item('GraphQL explorer', links.graphqlPath, `queries, mutations and subscriptions at ${links.graphqlPath}; a credential goes in its Headers tab`)}
${item('Operations console', links.consolePath, 'dead letters, conflicts and sync jobs')}
${item('/healthz', '/healthz', 'the process is alive')}
${item('/readyz', '/readyz', 'the database answers and every migration is applied')}
${item('/metrics', links.metricsPath, 'Prometheus metrics')}
</ul>
<p>Clients POST GraphQL to <code>${escape(links.graphqlPath)}</code> with <code>content-type: application/json</code>;
subscriptions use graphql-ws on the same URL.</p>
</body>
</html>
`;
}
