import { createOdooClient, OdooError, type OdooClient } from '../src';
import fixtures from './fixtures/jsonrpc-envelopes.json';
import { startFixtureServer, type Canned, type FixtureServer } from './fixture-server';

const base = { db: 'o2c', login: 'admin', apiKey: 'o2c-admin-key', transport: 'jsonrpc' } as const;

async function caught(promise: Promise<unknown>): Promise<OdooError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof OdooError)) throw new Error('expected an OdooError', { cause: error });
  return error;
}

describe('JSON-RPC transport against the reference envelopes', () => {
  let server: FixtureServer;
  let client: OdooClient;
  /** The `execute_kw` args after db, uid and key: [model, method, positional, kwargs]. */
  const executeKw = () => {
    const body = server.requests.find((r) => JSON.stringify(r.body).includes('execute_kw'))?.body;
    return (body as { params: { args: unknown[] } }).params.args.slice(3);
  };

  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    server.on('rpc:common.authenticate', fixtures.authenticateOk);
    client = createOdooClient({ ...base, url: server.url, timeoutMs: 2_000 });
  });

  it('reads common.version with a JSON-RPC 2.0 call envelope', async () => {
    server.on('rpc:common.version', fixtures.version17);
    await expect(client.version()).resolves.toMatchObject({ version: '17.0', major: 17 });
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/jsonrpc' });
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.body).toEqual({
      jsonrpc: '2.0',
      method: 'call',
      id: expect.any(Number) as number,
      params: { service: 'common', method: 'version', args: [] },
    });
  });

  it('reads the major version of a saas build', async () => {
    server.on('rpc:common.version', fixtures.versionSaas);
    await expect(client.version()).resolves.toMatchObject({ major: 18 });
  });

  it('authenticates with an empty user agent env and caches the uid', async () => {
    await expect(client.authenticate()).resolves.toBe(2);
    await expect(client.authenticate()).resolves.toBe(2);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toMatchObject({
      params: {
        service: 'common',
        method: 'authenticate',
        args: ['o2c', 'admin', 'o2c-admin-key', {}],
      },
    });
  });

  it('turns authenticate → false into access_denied', async () => {
    server.on('rpc:common.authenticate', fixtures.authenticateFalse);
    const error = await caught(client.authenticate());
    expect(error).toMatchObject({ kind: 'access_denied', retryable: false });
  });

  it('sends search_read as execute_kw with the domain positional and options as kwargs', async () => {
    server.on('rpc:object.execute_kw', fixtures.searchReadOrders);
    const rows = await client.searchRead('sale.order', [['state', '=', 'sale']], {
      fields: ['name', 'partner_id', 'write_date'],
      limit: 100,
      offset: 0,
      order: 'write_date asc, id asc',
      context: { lang: 'en_US', tz: 'UTC' },
    });
    expect(rows).toEqual(fixtures.searchReadOrders.json.result);
    const sent = server.requests.find((r) => JSON.stringify(r.body).includes('execute_kw'));
    expect(sent?.body).toMatchObject({
      params: {
        service: 'object',
        method: 'execute_kw',
        args: [
          'o2c',
          2,
          'o2c-admin-key',
          'sale.order',
          'search_read',
          [[['state', '=', 'sale']]],
          {
            fields: ['name', 'partner_id', 'write_date'],
            limit: 100,
            offset: 0,
            order: 'write_date asc, id asc',
            context: { lang: 'en_US', tz: 'UTC' },
          },
        ],
      },
    });
  });

  it('treats a success without a result key as null', async () => {
    server.on('rpc:object.execute_kw', fixtures.noResultKey);
    await expect(client.call('stock.picking', 'action_assign', { ids: [5] })).resolves.toBeNull();
    expect(executeKw()).toEqual(['stock.picking', 'action_assign', [[5]], {}]);
  });

  it('returns an int for a dict and a list for a list on create', async () => {
    server.on('rpc:object.execute_kw', fixtures.createOne);
    await expect(client.create('res.partner', { name: 'A' })).resolves.toBe(42);
    expect(executeKw()).toEqual(['res.partner', 'create', [{ name: 'A' }], {}]);
    server.requests.length = 0;
    server.on('rpc:object.execute_kw', fixtures.createMany);
    await expect(client.create('res.partner', [{ name: 'A' }, { name: 'B' }])).resolves.toEqual([
      42, 43,
    ]);
    expect(executeKw()).toEqual(['res.partner', 'create', [[{ name: 'A' }, { name: 'B' }]], {}]);
  });

  it('passes ids first, then the method parameters, for read and write', async () => {
    server.on('rpc:object.execute_kw', fixtures.resultTrue);
    await expect(client.write('sale.order', [12], { note: 'x' })).resolves.toBe(true);
    expect(executeKw()).toEqual(['sale.order', 'write', [[12], { note: 'x' }], {}]);
    server.requests.length = 0;
    server.on('rpc:object.execute_kw', fixtures.searchReadOrders);
    await client.read('sale.order', [12, 99], ['name'], { context: { lang: 'fr_BE' } });
    expect(executeKw()).toEqual([
      'sale.order',
      'read',
      [[12, 99], ['name']],
      { context: { lang: 'fr_BE' } },
    ]);
  });

  it('passes the name_search domain positionally to stay version-neutral', async () => {
    server.on('rpc:object.execute_kw', fixtures.nameSearch);
    await expect(
      client.nameSearch('res.partner', 'Deco', { domain: [['is_company', '=', true]], limit: 5 }),
    ).resolves.toEqual([[8, 'Deco Addict']]);
    expect(executeKw()).toEqual([
      'res.partner',
      'name_search',
      ['Deco', [['is_company', '=', true]]],
      { limit: 5 },
    ]);
  });

  const table: Array<[keyof typeof fixtures.errors, string, boolean]> = [
    ['accessDenied', 'access_denied', false],
    ['accessError', 'access', false],
    ['privateMethod', 'access', false],
    ['missingError', 'missing', false],
    ['validationError', 'validation', false],
    ['userError', 'user', false],
    ['redirectWarning', 'user', false],
    ['lockError', 'lock', true],
    ['serializationFailure', 'concurrency', true],
    ['deadlockDetected', 'concurrency', true],
    ['lockNotAvailable', 'concurrency', true],
    ['valueError', 'value', false],
    ['attributeError', 'not_found', false],
    ['unknownModel', 'user', false],
    ['sessionExpired', 'access_denied', false],
  ];
  it.each(table)('maps the %s envelope (HTTP 200) to kind %s', async (key, kind, retryable) => {
    const canned: Canned = fixtures.errors[key];
    const { data } = fixtures.errors[key].json.error;
    server.on('rpc:object.execute_kw', canned);
    const error = await caught(client.call('sale.order', 'action_confirm', { ids: [12] }));
    expect(error).toMatchObject({ name: data.name, message: data.message, kind, retryable });
    expect(error.arguments).toEqual(data.arguments);
    expect(error.httpStatus).toBeUndefined();
  });

  it('maps the plain-text 400 "Invalid JSON data" to a non-retryable value error', async () => {
    server.on('rpc:common.version', fixtures.invalidJson);
    const error = await caught(client.version());
    expect(error).toMatchObject({
      message: 'Invalid JSON data',
      httpStatus: 400,
      kind: 'value',
      retryable: false,
    });
  });

  it('reads the werkzeug HTML 400 page (Odoo 17) into a readable value error', async () => {
    server.on('rpc:common.version', {
      status: 400,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
      text: '<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>Request inferred type is compatible with [&#39;http&#39;] but &#39;/jsonrpc&#39; is type=&#39;json&#39;</p>\n',
    });
    await expect(caught(client.version())).resolves.toMatchObject({
      message:
        "400 Bad Request: Request inferred type is compatible with ['http'] but '/jsonrpc' is type='json'",
      httpStatus: 400,
      kind: 'value',
      retryable: false,
    });
  });

  it('maps the 415 wrong content type answer', async () => {
    server.on('rpc:common.version', fixtures.wrongContentType);
    await expect(caught(client.version())).resolves.toMatchObject({
      httpStatus: 415,
      kind: 'value',
    });
  });

  it('rejects an answer whose id is not the one it sent', async () => {
    server.on('rpc:common.version', {
      ...fixtures.version17,
      json: { ...fixtures.version17.json, id: 'other' },
      keepId: true,
    });
    await expect(caught(client.version())).resolves.toMatchObject({ kind: 'transport' });
  });

  it.each([
    ['a request without an answer', { hang: true }],
    ['an answer whose body stalls', { stall: true }],
  ])('reports %s as a retryable timeout', async (_, canned) => {
    server.on('rpc:common.version', canned);
    const hasty = createOdooClient({ ...base, url: server.url, timeoutMs: 150 });
    await expect(caught(hasty.version())).resolves.toMatchObject({
      kind: 'timeout',
      retryable: true,
    });
  });

  it('sends sequential calls over one kept-alive connection', async () => {
    server.on('rpc:common.version', fixtures.version17);
    const before = server.connections();
    for (let i = 0; i < 5; i++) await client.version();
    expect(server.connections() - before).toBeLessThanOrEqual(1);
  });

  it('opens a connection per call to a server that closes each one, as Odoo 17 does', async () => {
    server.on('rpc:common.version', { ...fixtures.version17, headers: { Connection: 'close' } });
    await client.version(); // closes a connection an earlier test left open
    const before = server.connections();
    for (let i = 0; i < 5; i++)
      await expect(client.version()).resolves.toMatchObject({ major: 17 });
    expect(server.connections() - before).toBe(5);
  });

  it('reports a connection dropped after the request as a timeout: the outcome is unknown', async () => {
    server.on('rpc:object.execute_kw', { drop: true });
    const error = await caught(client.create('res.partner', { name: 'A' }));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(error.message).toContain('may have committed');
  });

  it('reports a refused connection as a retryable transport error', async () => {
    const nowhere = createOdooClient({ ...base, url: 'http://127.0.0.1:9', timeoutMs: 2_000 });
    await expect(caught(nowhere.version())).resolves.toMatchObject({
      kind: 'transport',
      retryable: true,
    });
  });
});
