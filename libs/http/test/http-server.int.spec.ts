import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@o2c/observability';
import { createMetrics } from '@o2c/observability';
import { createHttpServer, HttpProblem } from '../src';

class OutOfStock extends Error {}
let closedPort = 0;

describe('createHttpServer', () => {
  let healthy = true;
  const server = createHttpServer({
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ service: 'http-test', level: 'silent' }),
    metrics: createMetrics('http-test'),
    auth: { apiKeys: [], protectMetrics: false, rateLimit: { limit: 0, windowMs: 1000 } },
    readiness: {
      dependency: () => (healthy ? Promise.resolve() : Promise.reject(new Error('down'))),
    },
    routes: (app) => {
      app.post('/things', (req, res) => {
        res.status(201).json({ got: req.body as unknown });
      });
      app.get('/problem', () => {
        throw new HttpProblem(409, 'urn:o2c:problem:conflict', 'Conflict', 'already there', {
          orderId: 'o-1',
        });
      });
      app.get('/domain', () => {
        throw new OutOfStock('no stock');
      });
      app.get('/dependency-down', async () => {
        // A real connection to a port nothing listens on: ECONNREFUSED.
        await fetch(`http://127.0.0.1:${closedPort}/`);
      });
      app.get('/registry-client-error', () => {
        // The schema registry client's error when the registry is down: a `status` but no `type`.
        throw Object.assign(new Error('svc - Error, status 400: connect ECONNREFUSED'), {
          status: 400,
        });
      });
      app.get('/boom', () => {
        throw new Error('secret internals');
      });
      app.post('/hooks/:token', () => {
        throw new Error('failed behind a secret URL');
      });
    },
    mapError: (e) =>
      e instanceof OutOfStock
        ? new HttpProblem(422, 'urn:o2c:problem:out-of-stock', 'Out of stock', e.message)
        : undefined,
  });
  let url: string;
  beforeAll(async () => {
    url = await server.start();
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
  });
  afterAll(() => server.stop());

  it('serves /livez, and /readyz following its checks and draining', async () => {
    expect((await fetch(`${url}/livez`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    healthy = false;
    const down = await fetch(`${url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not ready', checks: { dependency: 'down' } });
    healthy = true;
    server.drain();
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
  });

  it('answers 503 with Retry-After when a dependency is down, never a 4xx', async () => {
    for (const path of ['/dependency-down', '/registry-client-error']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.json()).toMatchObject({ type: 'urn:o2c:problem:unavailable', status: 503 });
    }
  });

  it('exposes Prometheus metrics with the service label', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/process_cpu_seconds_total\{service="http-test"\}/);
  });

  it('measures requests per method, route template and status, never probes or unknown paths by name', async () => {
    const series = async () =>
      (await (await fetch(`${url}/metrics`)).text())
        .split('\n')
        .filter((l) => l.startsWith('http_server_request_duration_seconds_count'));
    await fetch(`${url}/problem`);
    await fetch(`${url}/problem`);
    await fetch(`${url}/boom`);
    await fetch(`${url}/no/such/path/42`);
    await fetch(`${url}/readyz`);
    const lines = await series();
    const count = (labels: string) =>
      lines
        .find((l) => l.includes(labels))
        ?.split(' ')
        .at(-1);
    expect(count('method="GET",route="/problem",status_code="409"')).toBe('2');
    expect(count('method="GET",route="/boom",status_code="500"')).toBe('1');
    expect(count('method="GET",route="unmatched",status_code="404"')).toBe('1');
    expect(lines.join('\n')).not.toMatch(/readyz|no\/such/);
  });

  it('answers problems, mapped domain errors and malformed JSON as application/problem+json', async () => {
    const problem = await fetch(`${url}/problem`);
    expect(problem.status).toBe(409);
    expect(problem.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await problem.json()).toEqual({
      type: 'urn:o2c:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail: 'already there',
      instance: '/problem',
      orderId: 'o-1',
    });
    expect((await fetch(`${url}/domain`)).status).toBe(422);
    const malformed = await fetch(`${url}/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { type: string }).type).toBe(
      'urn:o2c:problem:malformed-json',
    );
  });

  it('hides the details of unexpected errors and echoes the correlation id', async () => {
    const res = await fetch(`${url}/boom`, { headers: { 'x-correlation-id': 'corr-7' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-correlation-id')).toBe('corr-7');
    expect(JSON.stringify(await res.json())).not.toMatch(/secret/);
  });

  it('shows a route parameter named token as :token, never its value', async () => {
    const res = await fetch(`${url}/hooks/s3cr3t-t0ken-value`, { method: 'POST' });
    expect(res.status).toBe(500);
    const body = JSON.stringify(await res.json());
    expect(body).not.toContain('s3cr3t-t0ken-value');
    expect(body).toContain('/hooks/:token');
  });
});
