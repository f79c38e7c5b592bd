import { allow } from '@o2c/http';
import { Router } from 'express';
import type { Knex } from 'knex';
import { readChannelModes } from '../../app/shadow/channel-modes';
import type { WriteMode } from '../../domain/shadow-compare';

/**
 * GET /channels/modes: each channel's write mode (live: the adapter writes Odoo; shadow: it only
 * compares), the default for channels without one, orders pinned to each mode and pending shadow
 * checks. Read-only: modes change through `o2c-ops cutover` (audited).
 */
export function channelModesRouter(db: Knex, defaultMode: WriteMode): Router {
  const router = Router();
  router.get('/channels/modes', allow('ops:read'), async (_req, res) => {
    res.json(await readChannelModes(db, defaultMode));
  });
  return router;
}
