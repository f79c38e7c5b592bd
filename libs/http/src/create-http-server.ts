import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { createKeyring, type ApiKeyEntry } from './auth/api-keys';
import { authenticate, limitPerCaller } from './auth/authenticate';
import { allow, publicRoute } from './auth/policy';
import { problemHandler, sendProblem, type HttpProblem } from './problem';
import { keepRawBody } from './raw-body';
import { requestLog } from './request-log';
import { requestMetrics } from './request-metrics';
import { traceRequests } from './trace-requests';
import { allowedMethodsOf } from './allowed-methods';

/** A named dependency check for /readyz; it rejects (or times out) when the dependency is down. */
export type ReadinessCheck = () => Promise<void>;

export interface HttpServerOptions {
  host: string;
  port: number;
  logger: Logger;
  metrics: Registry;
  readiness: Record<string, ReadinessCheck>;
  /** Who may call: API keys (by hash), whether /metrics needs `metrics:read`, a rate per client. */
  auth: HttpAuthOptions;
  /** Adds the service's own routes. */
  routes?: (app: Express) => void;
  mapError?: (error: unknown) => HttpProblem | undefined;
  checkTimeoutMs?: number;
}

export interface HttpAuthOptions {
  apiKeys: readonly ApiKeyEntry[];
  protectMetrics: boolean;
  /** Requests each client may send per window; a limit of 0 turns it off. */
  rateLimit: { limit: number; windowMs: number };
}

export interface HttpServer {
  app: Express;
  /** Listens and resolves with the base URL (port 0 picks a free port). */
  start(): Promise<string>;
  /** Makes /readyz answer 503 from now on (first step of a graceful shutdown). */
  drain(): void;
  stop(): Promise<void>;
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { logger, metrics, readiness } = options;
  const timeoutMs = options.checkTimeoutMs ?? 2000;
  let draining = false;
  let server: Server | undefined;

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const correlationId = req.get('x-correlation-id') ?? randomUUID();
    res.setHeader('x-correlation-id', correlationId);
    res.locals.correlationId = correlationId;
    next();
  });
  app.use(traceRequests());
  app.use(requestMetrics(metrics));
  app.use(requestLog(logger));
  app.use(authenticate(createKeyring(options.auth.apiKeys)));
  app.use(limitPerCaller(options.auth.rateLimit));
  app.use(
    express.json({
      limit: '1mb',
      type: ['application/json', 'application/*+json'],
      verify: keepRawBody,
    }),
  );

  const probe = publicRoute('probe: says only whether the process is up or ready');
  app.get('/livez', probe, (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', probe, async (_req, res) => {
    const results = await Promise.all(
      Object.entries(readiness).map(async ([name, check]) => {
        try {
          await withTimeout(check(), timeoutMs, name);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, error instanceof Error ? error.message : String(error)] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    const ready = !draining && results.every(([, r]) => r === 'ok');
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : draining ? 'draining' : 'not ready', checks });
  });
  const scrape = options.auth.protectMetrics
    ? allow('metrics:read')
    : publicRoute('scrape: METRICS_REQUIRE_AUTH is off');
  app.get('/metrics', scrape, async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });

  options.routes?.(app);
  const allowedAt = allowedMethodsOf(app);
  app.use((req, res) => {
    const allowed = allowedAt(req.path);
    if (allowed.length > 0) {
      res.setHeader('Allow', allowed.join(', '));
      return sendProblem(res, {
        type: 'urn:o2c:problem:method-not-allowed',
        title: 'Method Not Allowed',
        status: 405,
        detail: `${req.path} answers ${allowed.join(', ')}, not ${req.method}`,
        instance: req.originalUrl,
      });
    }
    sendProblem(res, {
      type: 'urn:o2c:problem:not-found',
      title: 'Not Found',
      status: 404,
      detail: `no route ${req.method} ${req.path}`,
      instance: req.originalUrl,
    });
  });
  app.use(problemHandler(logger, options.mapError));

  return {
    app,
    start: () =>
      new Promise((resolve, reject) => {
        const s = app.listen(options.port, options.host, () => {
          const { port } = s.address() as AddressInfo;
          resolve(`http://${options.host}:${port}`);
        });
        s.once('error', reject);
        server = s;
      }),
    drain: () => {
      draining = true;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        if (!server) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} check timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
