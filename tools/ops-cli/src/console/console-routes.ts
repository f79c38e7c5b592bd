import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '@o2c/db';
import { allow, callerOf, HttpProblem, publicRoute } from '@o2c/http';
import type { Express, Request } from 'express';
import { actorOf, type OpsContext } from '../context';
import { readAnomalies, readTriage } from './read-assist';
import { readDeadLetters } from './read-dead-letters';
import { readExceptions } from './read-exceptions';
import { readOrderFlow } from './read-flow';
import { readJobs } from './read-jobs';
import { readLag } from './read-lag';
import { findOrders, readTimeline, type ServiceDbs } from './read-timeline';
import { executeRedrivePlan, showRedrivePlan } from './redrive-actions';
import type { PlanShelf } from './redrive-guard';

export interface ConsoleDeps {
  ctx: OpsContext;
  opsDb: () => Promise<Db>;
  dbs: ServiceDbs;
  shelf: PlanShelf;
}

const staticDir = join(__dirname, 'static');
const staticFiles: Record<string, string> = {
  '/': 'index.html',
  '/console.mjs': 'console.mjs',
  '/dom.mjs': 'dom.mjs',
  '/assist.mjs': 'assist.mjs',
};
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function windowSeconds(req: Request): number {
  const value = Number(req.query.window ?? 3600);
  if (!Number.isInteger(value) || value < 60 || value > 90 * 86_400)
    throw new HttpProblem(
      400,
      'urn:o2c:problem:bad-request',
      'Bad Request',
      'window: 60 s to 90 days',
    );
  return value;
}

/** The page (static, holds no data) and the JSON endpoints, each behind ops:read or ops:write. */
export function consoleRoutes(deps: ConsoleDeps) {
  const { ctx, dbs, shelf } = deps;
  return (app: Express): void => {
    const page = publicRoute('the console page: static files without data; its API needs a key');
    for (const [path, file] of Object.entries(staticFiles))
      app.get(path, page, async (_req, res) => {
        res.type(file).send(await readFile(join(staticDir, file), 'utf8'));
      });
    const read = allow('ops:read');
    app.get('/api/config', read, (_req, res) => {
      res.json({ zipkinUrl: ctx.config.console.zipkinUrl });
    });
    app.get('/api/flow', read, async (req, res) => {
      res.json(await readOrderFlow(dbs['order-intake'], windowSeconds(req)));
    });
    app.get('/api/orders', read, async (req, res) => {
      const q = text(req.query.q);
      if (!q)
        throw new HttpProblem(
          400,
          'urn:o2c:problem:bad-request',
          'Bad Request',
          'q: an order id or channel ref',
        );
      const matches = await findOrders(dbs['order-intake'], q);
      const [only] = matches;
      res.json({
        matches,
        timeline:
          matches.length === 1 && only
            ? await readTimeline(dbs, only, ctx.config.console.zipkinUrl)
            : null,
      });
    });
    app.get('/api/lag', read, async (req, res) => {
      res.json(await readLag(ctx, text(req.query.prefix)));
    });
    app.get('/api/dead-letters', read, async (req, res) => {
      const group = text(req.query.group);
      res.json(await readDeadLetters(ctx, await deps.opsDb(), group ? { group } : {}));
    });
    app.post('/api/dead-letters/plan', read, async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const reason = text(body.reason);
      res.json(
        await showRedrivePlan(ctx, shelf, {
          topic: text(body.topic),
          ...(reason ? { reason } : {}),
        }),
      );
    });
    app.post('/api/dead-letters/redrive', allow('ops:write'), async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const caller = callerOf(res)!;
      const acting = { ...ctx, actor: actorOf(ctx.config, `console:${caller.client}`) };
      const run = await executeRedrivePlan(acting, shelf, {
        planId: text(body.planId),
        confirm: body.confirm,
      });
      res.json({ redriveId: run.plan.id, result: run.result, audit: run.audit });
    });
    app.get('/api/exceptions', read, async (_req, res) => {
      res.json(await readExceptions(ctx.config.console.serviceUrls));
    });
    app.get('/api/anomalies', read, async (req, res) => {
      res.json(await readAnomalies(ctx.config.console.flowWatchUrl, req.headers.authorization));
    });
    app.get('/api/triage', read, async (req, res) => {
      res.json(await readTriage(ctx, windowSeconds(req)));
    });
    app.get('/api/jobs', read, async (_req, res) => {
      res.json(await readJobs(ctx, await deps.opsDb()));
    });
  };
}
