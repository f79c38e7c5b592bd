import { allow, openApiRoute } from '@o2c/http';
import { Router } from 'express';
import type { Knex } from 'knex';
import { verifyFacts } from '../../app/verify/verify-facts';
import { openApiDocument } from './openapi';

export function adminRoutes(db: Knex): Router {
  const router = Router();
  router.get('/admin/verify', allow('admin:verify'), async (_req, res) => {
    res.json(await verifyFacts(db));
  });
  router.get('/openapi.json', ...openApiRoute(openApiDocument));
  return router;
}
