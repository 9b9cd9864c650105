// The browser's side of the gateway: the landing page at `/`, the explorer at the GraphQL URL when
// a browser asks for HTML, and the explorer's assets. API calls (JSON) pass through untouched.
import express, { type Router } from 'express';
import { explorerAssets } from './assets.js';
import { explorerAssetsPath, explorerHtml } from './explorer.js';
import { landingHtml, type LandingLinks } from './landing.js';
import { gatewayVersion } from './version.js';

export function webRouter(links: LandingLinks): Router {
  const router = express.Router();
  const landing = landingHtml(gatewayVersion(), links);
  let explorer: string | undefined;
  router.get('/', (_req, res) => {
    res.type('html').send(landing);
  });
  router.get(links.graphqlPath, (req, res, next) => {
    // A GET that prefers HTML is a browser; a GET query asks for JSON (or nothing in particular).
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html')
      return next();
    explorer ??= explorerHtml(links.graphqlPath);
    res.type('html').set('cache-control', 'no-cache').send(explorer);
  });
  router.use(explorerAssetsPath, explorerAssets());
  return router;
}
