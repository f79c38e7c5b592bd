import { HttpProblem, allow, openApiRoute } from '@o2c/http';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { listAnomalies } from '../db/anomaly-store';
import { openApiDocument } from './openapi';

const Query = z.strictObject({
  state: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The anomalies, open or all, for operators and the ops console. */
export function anomalyRoutes({ db }: { db: Knex }) {
  const router = Router();
  router.get('/anomalies', allow('ops:read'), async (req, res) => {
    const query = Query.safeParse(req.query);
    if (!query.success)
      throw new HttpProblem(400, 'urn:o2c:problem:validation', 'Invalid query', undefined, {
        errors: query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    const anomalies = await listAnomalies(db, query.data);
    res.json({
      anomalies: anomalies.map((a) => ({
        ...a,
        seriesKey: `${a.series}:${a.subject}`,
        state: a.clearedAt === null ? 'open' : 'cleared',
        windowStart: new Date(a.windowStart).toISOString(),
        windowEnd: new Date(a.windowEnd).toISOString(),
        detectedAt: new Date(a.detectedAt).toISOString(),
        clearedAt: a.clearedAt === null ? null : new Date(a.clearedAt).toISOString(),
      })),
    });
  });
  router.get('/openapi.json', ...openApiRoute(openApiDocument));
  return router;
}
