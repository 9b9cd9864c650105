// /healthz: the process is alive. /readyz: the start-up is over (the initial sync done), the
// database answers and every migration is applied.
import type { Router } from 'express';
import express from 'express';
import type { Database } from '../store/database.js';
import type { StartupProgress } from './startup.js';

/** What readiness reads: the database once it is open, the start-up's progress when there is one. */
export interface HealthSources {
  db?: Database | undefined;
  startup?: StartupProgress | undefined;
}

export function healthRouter(sources: Database | HealthSources): Router {
  const from: HealthSources = 'prisma' in sources ? { db: sources } : sources;
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const { db, startup } = from;
    if (!db || (startup && !startup.ready)) {
      res.status(503).json({ status: 'starting', initialSync: startup?.snapshot() ?? null });
      return;
    }
    try {
      await db.ping();
      const pending = await db.pendingMigrations();
      if (pending.length > 0) {
        res.status(503).json({ status: 'not ready', database: 'ok', pendingMigrations: pending });
        return;
      }
      res.json({
        status: 'ready',
        database: 'ok',
        store: db.kind,
        ...(startup ? { initialSync: startup.snapshot() } : {}),
      });
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
