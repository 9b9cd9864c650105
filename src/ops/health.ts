// /healthz: the process is alive. /readyz: the database answers and every migration is applied.
import type { Router } from 'express';
import express from 'express';
import type { Database } from '../store/database.js';

export function healthRouter(db: Database): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await db.ping();
      const pending = await db.pendingMigrations();
      if (pending.length > 0) {
        res.status(503).json({ status: 'not ready', database: 'ok', pendingMigrations: pending });
        return;
      }
      res.json({ status: 'ready', database: 'ok', store: db.kind });
    } catch (error) {
      res.status(503).json({
        status: 'not ready',
        database: 'unreachable',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  });
  return router;
}
