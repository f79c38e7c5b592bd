import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  createLogger,
  createMetrics,
  startTracing,
  tracedFetch,
  type Tracing,
} from '@o2c/observability';
import { testInfra, uniqueName, waitFor } from '@o2c/testing';
import { createHttpServer, type HttpServer } from '../src';

interface ZipkinSpan {
  id: string;
  parentId?: string;
  name: string;
  kind?: string;
  tags?: Record<string, string>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Two services, one calling the other, exporting to the local Zipkin (a real one). */
describe('traces of HTTP in and out', () => {
  const service = uniqueName('http-tracing');
  const lines = new PassThrough();
  const logged: Array<Record<string, unknown>> = [];
  lines.on('data', (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((l) => logged.push(JSON.parse(l) as Record<string, unknown>)),
  );
  const logger = createLogger({ service, destination: lines });
  let tracing: Tracing;
  const servers: HttpServer[] = [];
  const serve = (routes: Parameters<typeof createHttpServer>[0]['routes']) => {
    const server = createHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger,
      metrics: createMetrics(service),
      auth: { apiKeys: [], protectMetrics: false, rateLimit: { limit: 0, windowMs: 1000 } },
      readiness: {},
      routes,
    });
    servers.push(server);
    return server.start();
  };
  let front: string;

  beforeAll(async () => {
    tracing = startTracing(service, {
      OTEL_TRACES_EXPORTER: 'zipkin',
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${testInfra.zipkinUrl}/api/v2/spans`,
    });
    const back = await serve((app) => {
      app.get('/stock/:sku', (req, res) => {
        logger.info({ sku: req.params.sku }, 'looking up stock');
        res.json({ onHand: 3 });
      });
      app.get('/broken', () => {
        throw new Error('broken on purpose');
      });
    });
    front = await serve((app) => {
      app.get('/orders/:id', async (_req, res) => {
        const answer = await tracedFetch(`${back}/stock/FURN-001?token=secret`);
        const broken = await tracedFetch(`${back}/broken`);
        res.json({ stock: await answer.json(), broken: broken.status });
      });
    });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await tracing.shutdown();
  });

  it("continues the caller's trace: server, client and the callee's server spans in one tree", async () => {
    const traceId = hex(16);
    const callerSpan = hex(8);
    const res = await fetch(`${front}/orders/o-1`, {
      headers: { traceparent: `00-${traceId}-${callerSpan}-01` },
    });
    expect(res.status).toBe(200);
    // Exporting is batched: shutting down flushes it (later spans would be no-ops).
    await tracing.shutdown();
    const spans = await waitFor(
      async () => {
        const r = await fetch(`${testInfra.zipkinUrl}/api/v2/trace/${traceId}`);
        const found = r.ok ? ((await r.json()) as ZipkinSpan[]) : [];
        return found.length >= 5 ? found : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'five spans of the trace in Zipkin' },
    );
    const byName = (name: string) => spans.filter((s) => s.name === name);
    const [entry] = byName('get /orders/:id');
    expect(entry).toMatchObject({ kind: 'SERVER', parentId: callerSpan });
    expect(entry!.tags).toMatchObject({
      'http.route': '/orders/:id',
      'http.response.status_code': '200',
    });
    const calls = byName('get');
    expect(calls.map((c) => [c.kind, c.parentId])).toEqual([
      ['CLIENT', entry!.id],
      ['CLIENT', entry!.id],
    ]);
    // The query string (a token here) never reaches a span.
    expect(JSON.stringify(spans)).not.toContain('secret');
    const [stock] = byName('get /stock/:sku');
    expect(calls.map((c) => c.id)).toContain(stock!.parentId);
    const [broken] = byName('get /broken');
    expect(broken!.tags).toMatchObject({
      'http.response.status_code': '500',
      'otel.status_code': 'ERROR',
      error: 'broken on purpose',
    });
    // A log line written inside a request carries its trace and span ids.
    const line = logged.find((l) => l.msg === 'looking up stock');
    expect(line).toMatchObject({ trace_id: traceId, span_id: stock!.id });
  });
});
