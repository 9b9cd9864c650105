// The explorer's files, from the ruru package in node_modules (brotli-compressed in memory, so a
// browser that accepts br gets them as they are). The path is versioned: cached for a year.
import type { RequestHandler } from 'express';
import { getStaticFile } from 'ruru/static';
import { explorerAssetsPath } from './explorer.js';

export function explorerAssets(): RequestHandler {
  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    try {
      const file = await getStaticFile({
        staticPath: explorerAssetsPath,
        urlPath: req.originalUrl,
        acceptEncoding: req.headers['accept-encoding'],
        // Source maps are ~10 MB more in memory and a browser runs without them.
        disallowDevAssets: true,
      });
      if (!file) {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
      res.set(file.headers);
      res.set('cache-control', 'public, max-age=31536000, immutable');
      res.set('vary', 'accept-encoding');
      res.status(200).end(req.method === 'HEAD' ? undefined : file.content);
    } catch (error) {
      next(error);
    }
  };
}
