// Business Central API v2.0: /<env>/api/v2.0/companies(<id>)/<entitySet>, /companies, $metadata
// and the environment-level /subscriptions (webhooks).
import express, { type Router } from 'express';
import { errors } from '../errors.js';
import { checkIfMatch, makeEtag } from '../etag.js';
import { buildMetadata } from '../odata/metadata.js';
import { serialize } from '../odata/query.js';
import { bcCompany, bcContainerSets, bcSets } from '../services.js';
import { bcSubscriptionDef, type WebhookHub } from '../webhooks.js';
import { handleOData, sendJson, type ServiceConfig } from './engine.js';
import { servicePath, type DialectDeps } from './nav-odata.js';
import { unquote } from '../odata/values.js';

let bcMetadata: string | undefined;

export function bcMetadataXml(): string {
  bcMetadata ??= buildMetadata([bcCompany, bcSubscriptionDef], {
    namespace: 'Microsoft.NAV',
    containerSets: bcContainerSets,
  });
  return bcMetadata;
}

export function bcRouter(deps: DialectDeps & { hub(): WebhookHub }): Router {
  const router = express.Router();
  router.get('/\\$metadata', (_req, res) => {
    res.status(200).setHeader('OData-Version', '4.0');
    res.type('application/xml; charset=utf-8').send(bcMetadataXml());
  });

  router.all('/{*rest}', async (req, res) => {
    const ctx = deps.context(req, res);
    const path = servicePath(req);
    const root = deps.root(req);
    if (path === '') {
      sendJson(res, 200, {
        '@odata.context': `${root}$metadata`,
        value: [bcCompany, bcSubscriptionDef, ...bcSets].map((s) => ({
          name: s.setName,
          kind: 'EntitySet',
          url: s.setName,
        })),
      });
      return;
    }
    if (path === 'subscriptions' || path.startsWith('subscriptions(')) {
      const hub = deps.hub();
      const m = /^subscriptions(?:\(('(?:[^']|'')*')\))?$/.exec(path);
      if (!m) throw errors.notFoundSegment(path);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const entity = (sub: Parameters<typeof serialize>[1]) => ({
        '@odata.context': `${root}$metadata#subscriptions/$entity`,
        ...serialize(bcSubscriptionDef, sub, ctx),
      });
      if (m[1] === undefined) {
        if (req.method === 'GET') {
          sendJson(res, 200, {
            '@odata.context': `${root}$metadata#subscriptions`,
            value: hub.active().map((s) => serialize(bcSubscriptionDef, s, ctx)),
          });
          return;
        }
        if (req.method === 'POST') {
          const sub = await hub.create(
            body,
            ctx.user === 'ADMIN' ? '00000000-0000-0000-0000-000000000001' : ctx.state.newId(),
          );
          res.setHeader('Location', `${root}subscriptions('${sub.subscriptionId}')`);
          sendJson(res, 201, entity(sub));
          return;
        }
        throw errors.methodNotAllowed(req.method, 'subscriptions');
      }
      const sub = hub.find(unquote(m[1]));
      if (req.method === 'GET') return sendJson(res, 200, entity(sub));
      if (req.method === 'PATCH') {
        checkIfMatch(req.header('if-match'), makeEtag(sub.id, sub.rev), true);
        return sendJson(res, 200, entity(await hub.renew(sub, body)));
      }
      if (req.method === 'DELETE') {
        checkIfMatch(req.header('if-match'), makeEtag(sub.id, sub.rev), true);
        hub.remove(sub);
        res.status(204).end();
        return;
      }
      throw errors.methodNotAllowed(req.method, 'subscriptions');
    }
    const cfg: ServiceConfig = {
      namespace: 'Microsoft.NAV',
      sets: [bcCompany],
      root,
      pageSize: deps.pageSize(),
    };
    handleOData(cfg, req, res, ctx, path);
  });
  return router;
}
