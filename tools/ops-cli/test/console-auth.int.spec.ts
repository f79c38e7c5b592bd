import { hashApiKey, listRoutes } from '@o2c/http';
import { checkRoutePolicies, routePolicyKeys, testInfra } from '@o2c/testing';
import { createOutput } from '../src/cli/output';
import { loadConfig } from '../src/config';
import { createConsole, type ConsoleServer } from '../src/console/create-console';
import { createContext, type OpsContext } from '../src/context';
import { createConsoleDatabases, type ConsoleDatabases } from './console-fixture';

const READER = 'console-reader-key';
const SHOP = 'console-shop-key';

describe('o2c-ops console: authentication', () => {
  let dbs: ConsoleDatabases;
  let ctx: OpsContext;
  let server: ConsoleServer;
  let url: string;
  beforeAll(async () => {
    dbs = await createConsoleDatabases();
    const config = loadConfig({
      O2C_ENV: 'development',
      KAFKA_BROKERS: testInfra.brokers.join(','),
      POSTGRES_ADMIN_URL: testInfra.postgresAdminUrl,
      OPS_DATABASE_URL: dbs.urls.ops,
      ORDER_INTAKE_DATABASE_URL: dbs.urls['order-intake'],
      FULFILLMENT_DATABASE_URL: dbs.urls.fulfillment,
      ODOO_ADAPTER_DATABASE_URL: dbs.urls['odoo-adapter'],
      LOG_LEVEL: 'silent',
      API_KEYS: [
        routePolicyKeys(),
        `reader:${hashApiKey(READER)}:ops:read`,
        `shop:${hashApiKey(SHOP)}:orders:read,orders:write`,
      ].join(';'),
    });
    ctx = createContext(config, createOutput(true));
    server = createConsole(ctx, { host: '127.0.0.1', port: 0 });
    url = await server.start();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
    await dbs?.drop();
  });

  const call = (path: string, key?: string, body?: unknown) =>
    fetch(url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('answers 401 problem+json to a JSON endpoint called without a key', async () => {
    const res = await call('/api/flow');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({
      type: 'urn:o2c:problem:unauthenticated',
      status: 401,
    });
  });

  it('answers 403 problem+json to a key lacking ops:read, and to a reader redriving', async () => {
    const flow = await call('/api/flow', SHOP);
    expect(flow.status).toBe(403);
    expect(flow.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await flow.json()).toMatchObject({ status: 403, requiredScope: 'ops:read' });
    const redrive = await call('/api/dead-letters/redrive', READER, { planId: 'x', confirm: 'x' });
    expect(redrive.status).toBe(403);
    expect(await redrive.json()).toMatchObject({ status: 403, requiredScope: 'ops:write' });
  });

  it('lets a reader read', async () => {
    const res = await call('/api/flow?window=3600', READER);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ orders: 0, byStatus: {} });
  });

  it('guards every JSON endpoint by a scope; only the static page and probes are open', async () => {
    const routes = listRoutes(server.app);
    const open = routes.filter((r) => r.policy?.kind === 'public').map((r) => r.path);
    expect(open.sort()).toEqual([
      '/',
      '/assist.mjs',
      '/console.mjs',
      '/dom.mjs',
      '/livez',
      '/metrics',
      '/readyz',
    ]);
    expect(routes.filter((r) => r.path.startsWith('/api/')).length).toBeGreaterThanOrEqual(8);
    expect(await checkRoutePolicies(url, routes)).toEqual([]);
  }, 120_000);
});
