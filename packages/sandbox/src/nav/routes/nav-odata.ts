// NAV 2017/2018 OData V4: /<instance>/ODataV4/Company('<name>')/<Service>, the service document,
// $metadata, and the `?company=` form NAV also accepts.
import express, { type Request, type Response, type Router } from 'express';
import type { NavContext } from '../context.js';
import { errors } from '../errors.js';
import { buildMetadata } from '../odata/metadata.js';
import { navService, type NavService } from '../services.js';
import { handleOData, sendJson, type ServiceConfig } from './engine.js';

export interface DialectDeps {
  context(req: Request, res: Response): NavContext;
  pageSize(): number;
  root(req: Request): string;
}

const navMetadata = new WeakMap<NavService, string>();

/** $metadata of the NAV pages (default: the standard ones, without extension fields). */
export function navMetadataXml(service: NavService = navService()): string {
  let xml = navMetadata.get(service);
  if (xml === undefined) {
    xml = buildMetadata([service.company], { namespace: 'NAV', containerSets: service.containerSets });
    navMetadata.set(service, xml);
  }
  return xml;
}

/** The path after the service root, percent-decoded (quoted keys may contain encoded '/'). */
export function servicePath(req: Request): string {
  const raw = req.url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(raw).replace(/^\/+/, '');
  } catch {
    throw errors.badRequest('Bad Request - Error in query syntax.');
  }
}

export function navRouter(deps: DialectDeps, service: NavService = navService()): Router {
  const router = express.Router();
  router.get('/\\$metadata', (_req, res) => {
    res.status(200).setHeader('OData-Version', '4.0');
    res.type('application/xml; charset=utf-8').send(navMetadataXml(service));
  });
  router.all('/{*rest}', (req, res) => {
    const ctx = deps.context(req, res);
    let path = servicePath(req);
    const root = deps.root(req);
    if (path === '') {
      if (req.method !== 'GET') throw errors.methodNotAllowed(req.method, 'service document');
      sendJson(res, 200, {
        '@odata.context': `${root}$metadata`,
        value: [service.company, ...service.sets].map((s) => ({
          name: s.setName,
          kind: 'EntitySet',
          url: s.setName,
        })),
      });
      return;
    }
    if (!path.startsWith('Company')) {
      // NAV also takes the company from ?company=… when the URL has no Company('…') segment.
      const company = typeof req.query.company === 'string' ? req.query.company : undefined;
      if (company === undefined) throw errors.companyNotFound('');
      path = `Company('${company.replace(/'/g, "''")}')/${path}`;
    }
    const m = /^Company\('((?:[^']|'')*)'\)/.exec(path);
    if (m && m[1]!.replace(/''/g, "'") !== ctx.state.companyName)
      throw errors.companyNotFound(m[1]!.replace(/''/g, "'"));
    const cfg: ServiceConfig = {
      namespace: 'NAV',
      sets: [service.company],
      root,
      pageSize: deps.pageSize(),
    };
    handleOData(cfg, req, res, ctx, path);
  });
  return router;
}
