import { Writable } from 'node:stream';
import { createLogger, createMetrics } from '@o2c/observability';
import {
  allow,
  createHttpServer,
  hashApiKey,
  listRoutes,
  openApiRoute,
  parseApiKeys,
  type HttpServer,
} from '../src';

const SHOP_OLD = 'shop-key-being-rotated-out';
const SHOP_NEW = 'shop-key-rotated-in';
const AUDITOR = 'auditor-key';

function start(rateLimit = { limit: 0, windowMs: 60_000 }) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const server = createHttpServer({
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ service: 'auth-test', level: 'debug', destination }),
    metrics: createMetrics('auth-test'),
    readiness: {},
    auth: {
      apiKeys: parseApiKeys(
        [
          `shop:${hashApiKey(SHOP_OLD)}:orders:write,orders:read`,
          `shop:${hashApiKey(SHOP_NEW)}:orders:write,orders:read`,
          `auditor:${hashApiKey(AUDITOR)}:orders:read,metrics:read`,
        ].join(';'),
      ),
      protectMetrics: true,
      rateLimit,
    },
    routes: (app) => {
      app.post('/orders', allow('orders:write'), (req, res) => {
        res.status(201).json({ got: req.body as unknown });
      });
      app.get('/orders/:id', allow('orders:read'), (req, res) => {
        res.json({ id: req.params.id });
      });
      app.get(
        '/openapi.json',
        ...openApiRoute({
          openapi: '3.1.0',
          paths: { '/orders': { post: { responses: { 201: { description: 'Created' } } } } },
        }),
      );
    },
  });
  return { server, lines };
}

const send = (url: string, method: string, key?: string, authorization?: string) =>
  fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(authorization ? { authorization } : {}),
    },
    ...(method === 'POST' ? { body: JSON.stringify({ sku: 'X' }) } : {}),
  });

describe('API keys and scopes', () => {
  let server: HttpServer;
  let lines: Array<Record<string, unknown>>;
  let url: string;
  beforeAll(async () => {
    ({ server, lines } = start());
    url = await server.start();
  });
  afterAll(() => server.stop());

  it('answers 401 problem+json without a key, with an unknown key, or with another scheme', async () => {
    for (const [key, header, challenge] of [
      [undefined, undefined, 'Bearer realm="o2c"'],
      ['not-a-key', undefined, 'Bearer realm="o2c", error="invalid_token"'],
      [
        undefined,
        `Basic ${Buffer.from('a:b').toString('base64')}`,
        'Bearer realm="o2c", error="invalid_token"',
      ],
    ] as const) {
      const res = await send(`${url}/orders`, 'POST', key, header);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toBe(challenge);
      expect(await res.json()).toMatchObject({
        type: 'urn:o2c:problem:unauthenticated',
        status: 401,
      });
    }
  });

  it('answers 403 naming the missing scope to a known client without it', async () => {
    const res = await send(`${url}/orders`, 'POST', AUDITOR);
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(await res.json()).toMatchObject({
      type: 'urn:o2c:problem:forbidden',
      requiredScope: 'orders:write',
      detail: 'client auditor lacks the scope orders:write',
    });
  });

  it('lets a client in with either of its keys while one is rotated', async () => {
    for (const key of [SHOP_OLD, SHOP_NEW]) {
      const res = await send(`${url}/orders`, 'POST', key);
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ got: { sku: 'X' } });
    }
    expect((await send(`${url}/orders/o-1`, 'GET', SHOP_NEW)).status).toBe(200);
  });

  it('guards /metrics with metrics:read when asked to; probes stay open', async () => {
    expect((await send(`${url}/metrics`, 'GET')).status).toBe(401);
    expect((await send(`${url}/metrics`, 'GET', SHOP_NEW)).status).toBe(403);
    expect((await send(`${url}/metrics`, 'GET', AUDITOR)).status).toBe(200);
    expect((await send(`${url}/livez`, 'GET')).status).toBe(200);
    expect((await send(`${url}/readyz`, 'GET')).status).toBe(200);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await send(`${url}/nowhere`, 'GET', SHOP_NEW);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: 'urn:o2c:problem:not-found' });
  });

  it('answers a known path asked with another method with a 405 problem listing what it allows', async () => {
    const res = await send(`${url}/orders/o-1`, 'DELETE', SHOP_NEW);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({
      type: 'urn:o2c:problem:method-not-allowed',
      detail: '/orders/o-1 answers GET, HEAD, not DELETE',
    });
    expect((await send(`${url}/orders`, 'GET', SHOP_NEW)).status).toBe(405);
  });

  it('audits each write with who, scope, what and outcome, logs reads at debug, and never a key', async () => {
    const correlationId = 'audit-check-1';
    await fetch(`${url}/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${SHOP_NEW}`,
        'x-correlation-id': correlationId,
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
      body: JSON.stringify({ shipTo: { name: 'Ada Lovelace', street: '1 Analytical Way' } }),
    });
    await send(`${url}/orders/o-2`, 'GET', AUDITOR);
    const audit = lines.find((l) => l.correlationId === correlationId);
    expect(audit).toMatchObject({
      msg: 'audit',
      audit: true,
      level: 'info',
      client: 'shop',
      scope: 'orders:write',
      method: 'POST',
      path: '/orders',
      status: 201,
      trace_id: '0af7651916cd43dd8448eb211c80319c',
    });
    expect(lines.find((l) => l.path === '/orders/o-2')).toMatchObject({
      msg: 'request',
      level: 'debug',
      client: 'auditor',
      scope: 'orders:read',
    });
    const written = JSON.stringify(lines);
    for (const key of [SHOP_OLD, SHOP_NEW, AUDITOR, 'not-a-key'])
      expect(written).not.toContain(key);
  });

  it('documents in /openapi.json the scope each operation needs, as enforced', async () => {
    const doc = (await (await send(`${url}/openapi.json`, 'GET')).json()) as {
      paths: Record<string, Record<string, { security?: unknown; responses: object }>>;
      components: { securitySchemes: Record<string, { scheme: string }> };
    };
    expect(doc.components.securitySchemes.apiKey?.scheme).toBe('bearer');
    expect(doc.paths['/orders']?.post?.security).toEqual([{ apiKey: ['orders:write'] }]);
    expect(Object.keys(doc.paths['/orders']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '401', '403', '429']),
    );
    expect(doc.paths['/livez']?.get?.security).toEqual([]);
  });

  it('lists every route with the policy it declares', () => {
    expect(listRoutes(server.app)).toEqual(
      expect.arrayContaining([
        { method: 'POST', path: '/orders', policy: { kind: 'scope', scope: 'orders:write' } },
        { method: 'GET', path: '/orders/:id', policy: { kind: 'scope', scope: 'orders:read' } },
        {
          method: 'GET',
          path: '/livez',
          policy: { kind: 'public', reason: 'probe: says only whether the process is up or ready' },
        },
      ]),
    );
  });
});

describe('rate limit per client', () => {
  const { server } = start({ limit: 3, windowMs: 60_000 });
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  it('answers 429 with Retry-After past the limit, for that client only', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await send(`${url}/orders/o-1`, 'GET', SHOP_NEW)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await send(`${url}/orders/o-1`, 'GET', SHOP_OLD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({
      type: 'urn:o2c:problem:rate-limited',
      status: 429,
    });
    expect((await send(`${url}/orders/o-1`, 'GET', AUDITOR)).status).toBe(200);
  });
});

describe('log redaction', () => {
  it('never writes credentials or a ship-to, at the top of a line or one object down', () => {
    const out: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        out.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ service: 'redaction-test', destination });
    logger.info(
      {
        authorization: `Bearer ${SHOP_NEW}`,
        order: {
          orderId: 'o-9',
          shipTo: { name: 'Ada Lovelace', street: '1 Analytical Way' },
          email: 'ada@example.com',
        },
        customer: { phone: '+43 1 234' },
      },
      'order seen',
    );
    const [line = ''] = out;
    for (const secret of [SHOP_NEW, 'Ada Lovelace', 'Analytical', 'ada@example.com', '+43 1 234'])
      expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ order: { orderId: 'o-9', shipTo: '[redacted]' } });
  });
});

describe('API_KEYS', () => {
  it('refuses a malformed entry, naming it by position and client', () => {
    expect(() => parseApiKeys('shop:abc:orders:write')).toThrow(
      'API_KEYS entry 1 (shop): expected client:sha256-hex:scopes',
    );
    expect(() =>
      parseApiKeys(`ok:${hashApiKey('k')}:orders:read;shop:${hashApiKey('x')}:orders:delete`),
    ).toThrow('API_KEYS entry 2 (shop): unknown scope orders:delete');
  });
});
