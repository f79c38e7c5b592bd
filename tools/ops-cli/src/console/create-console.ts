import { createDb, type Db } from '@o2c/db';
import { createHttpServer, HttpProblem, type HttpServer } from '@o2c/http';
import { createMetrics } from '@o2c/observability';
import { openOpsDb } from '../audit/ops-db';
import type { ConsoleService } from '../config';
import type { OpsContext } from '../context';
import { OpsError } from '../errors';
import { consoleRoutes } from './console-routes';
import { createPlanShelf } from './redrive-guard';
import type { ServiceDbs } from './read-timeline';

export interface ConsoleServer {
  /** The express app, for the route table. */
  app: HttpServer['app'];
  /** Listens; resolves with the base URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

const problemOf: Record<OpsError['code'], [number, string]> = {
  USAGE: [400, 'bad-request'],
  NOT_FOUND: [404, 'not-found'],
  REFUSED: [409, 'refused'],
  FAILED: [502, 'failed'],
};

export function mapOpsError(error: unknown): HttpProblem | undefined {
  if (!(error instanceof OpsError)) return undefined;
  const [status, type] = problemOf[error.code];
  return new HttpProblem(status, `urn:o2c:problem:${type}`, error.code, error.message);
}

/** The ops console: o2c-ops' reads and the guarded redrive over HTTP, with the services' auth. */
export function createConsole(
  ctx: OpsContext,
  options: { host: string; port: number },
): ConsoleServer {
  const config = ctx.config.console;
  const services = Object.keys(config.databaseUrls) as ConsoleService[];
  const dbs = Object.fromEntries(
    services.map((s) => [
      s,
      createDb(config.databaseUrls[s], { poolMax: 2, applicationName: 'o2c-ops-console' }),
    ]),
  ) as ServiceDbs;
  let ops: Promise<Db> | undefined;
  const opsDb = () => {
    ops ??= openOpsDb(ctx.config.opsDatabaseUrl).catch((error: unknown) => {
      ops = undefined;
      throw error;
    });
    return ops;
  };
  const server: HttpServer = createHttpServer({
    host: options.host,
    port: options.port,
    logger: ctx.logger,
    metrics: createMetrics('ops-console'),
    readiness: {
      kafka: async () => void (await (await ctx.admin()).listTopics()),
      opsDb: async () => void (await (await opsDb()).raw('select 1')),
    },
    auth: {
      apiKeys: config.apiKeys,
      protectMetrics: false,
      rateLimit: { limit: 0, windowMs: 1000 },
    },
    routes: consoleRoutes({ ctx, opsDb, dbs, shelf: createPlanShelf(15 * 60_000) }),
    mapError: mapOpsError,
  });
  return {
    app: server.app,
    start: () => server.start(),
    async stop() {
      server.drain();
      await server.stop();
      await Promise.all(Object.values(dbs).map((db) => db.destroy()));
      if (ops) await (await ops).destroy();
    },
  };
}
