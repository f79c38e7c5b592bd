import { createLogger } from '@o2c/observability';
import { createMetrics } from '@o2c/observability';
import { createHttpServer, HttpProblem } from '../src';

class OutOfStock extends Error {}

describe('createHttpServer', () => {
  let healthy = true;
  const server = createHttpServer({
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ service: 'http-test', level: 'silent' }),
    metrics: createMetrics('http-test'),
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
      app.get('/boom', () => {
        throw new Error('secret internals');
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

  it('exposes Prometheus metrics with the service label', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/process_cpu_seconds_total\{service="http-test"\}/);
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
});
