// The admin API every sandbox server mounts under /__sandbox (sandbox mode only).
import express, { type Router } from 'express';
import type { CallLog } from './calls.js';
import { faultRuleInput, type FaultInjector } from './faults.js';

export function sandboxAdminRouter(calls: CallLog, faults: FaultInjector): Router {
  const router = express.Router();
  router.use(express.json());
  router.get('/calls', (_req, res) => {
    res.json(calls.snapshot());
  });
  router.delete('/calls', (_req, res) => {
    calls.reset();
    res.status(204).end();
  });
  router.get('/faults', (_req, res) => {
    res.json(faults.list());
  });
  router.post('/faults', (req, res) => {
    const parsed = faultRuleInput.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid fault rule', issues: parsed.error.issues });
      return;
    }
    res.status(201).json(faults.add(parsed.data));
  });
  router.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  return router;
}
