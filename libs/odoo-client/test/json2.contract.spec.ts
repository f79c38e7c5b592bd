import { createOdooClient, OdooError, type OdooClient } from '../src';
import fixtures from './fixtures/json2-responses.json';
import { startFixtureServer, type Canned, type FixtureServer } from './fixture-server';

const base = { db: 'o2c', login: 'admin', apiKey: 'o2c-admin-key', transport: 'json2' } as const;

async function caught(promise: Promise<unknown>): Promise<OdooError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof OdooError)) throw new Error('expected an OdooError', { cause: error });
  return error;
}

describe('JSON-2 transport against the reference responses', () => {
  let server: FixtureServer;
  let client: OdooClient;
  const last = () => server.requests.at(-1)!;

  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    client = createOdooClient({ ...base, url: server.url, timeoutMs: 2_000 });
  });

  it('posts named parameters with the bearer key and the database header', async () => {
    server.on('POST /json/2/sale.order/search_read', fixtures.searchReadOrders);
    const rows = await client.searchRead('sale.order', [['state', '=', 'sale']], {
      fields: ['name', 'partner_id', 'write_date'],
      limit: 100,
      order: 'write_date asc, id asc',
      context: { lang: 'en_US' },
    });
    expect(rows).toEqual(fixtures.searchReadOrders.json);
    expect(last().headers).toMatchObject({
      authorization: 'bearer o2c-admin-key',
      'x-odoo-database': 'o2c',
      'content-type': 'application/json',
    });
    expect(last().body).toEqual({
      domain: [['state', '=', 'sale']],
      fields: ['name', 'partner_id', 'write_date'],
      limit: 100,
      order: 'write_date asc, id asc',
      context: { lang: 'en_US' },
    });
  });

  it('sends ids by name for record methods', async () => {
    server.on('POST /json/2/sale.order/read', fixtures.readOrders);
    await expect(client.read('sale.order', [12, 99], ['name'])).resolves.toEqual([
      { id: 12, name: 'S00012' },
    ]);
    expect(last().body).toEqual({ ids: [12, 99], fields: ['name'] });
    server.on('POST /json/2/sale.order/write', fixtures.true);
    await expect(client.write('sale.order', [12], { note: 'x' })).resolves.toBe(true);
    expect(last().body).toEqual({ ids: [12], vals: { note: 'x' } });
    server.on('POST /json/2/stock.picking/button_validate', fixtures.true);
    await client.call('stock.picking', 'button_validate', {
      ids: [5],
      context: { skip_backorder: true },
    });
    expect(last().body).toEqual({ ids: [5], context: { skip_backorder: true } });
  });

  it('normalises create: a number for a dict, a list for a list', async () => {
    server.on('POST /json/2/res.partner/create', fixtures.createOne);
    await expect(client.create('res.partner', { name: 'A' })).resolves.toBe(42);
    expect(last().body).toEqual({ vals_list: [{ name: 'A' }] });
    server.on('POST /json/2/res.partner/create', fixtures.createMany);
    await expect(client.create('res.partner', [{ name: 'A' }, { name: 'B' }])).resolves.toEqual([
      42, 43,
    ]);
    expect(last().body).toEqual({ vals_list: [{ name: 'A' }, { name: 'B' }] });
  });

  it('sends name_search and fields_get parameters by name', async () => {
    server.on('POST /json/2/res.partner/name_search', { json: [[8, 'Deco Addict']] });
    await client.nameSearch('res.partner', 'Deco', { operator: 'ilike', limit: 5 });
    expect(last().body).toEqual({ name: 'Deco', domain: [], operator: 'ilike', limit: 5 });
    server.on('POST /json/2/res.partner/fields_get', { json: { name: { type: 'char' } } });
    await client.fieldsGet('res.partner', ['type']);
    expect(last().body).toEqual({ attributes: ['type'] });
  });

  it('reads a bare null result', async () => {
    server.on('POST /json/2/stock.picking/action_assign', fixtures.null);
    await expect(client.call('stock.picking', 'action_assign', { ids: [5] })).resolves.toBeNull();
  });

  it('finds its uid through res.users/context_get without ids', async () => {
    server.on('POST /json/2/res.users/context_get', fixtures.contextGet);
    await expect(client.authenticate()).resolves.toBe(2);
    expect(last().body).toEqual({});
  });

  it('refuses positional arguments without sending anything', async () => {
    const error = await caught(client.call('sale.order', 'search', { args: [[]] }));
    expect(error.kind).toBe('value');
    expect(server.requests).toHaveLength(0);
  });

  type OdooBodyKey = Exclude<keyof typeof fixtures.errors, 'proxyBadGateway'>;
  const table: Array<[OdooBodyKey, string, boolean]> = [
    ['unauthorized', 'access_denied', false],
    ['accessError', 'access', false],
    ['accessDenied', 'access_denied', false],
    ['missingError', 'missing', false],
    ['unknownModel', 'not_found', false],
    ['lockError', 'lock', true],
    ['validationError', 'validation', false],
    ['userError', 'user', false],
    ['badArguments', 'value', false],
    ['serializationFailure', 'concurrency', true],
    ['serverError', 'unknown', true],
    ['badJson', 'value', false],
  ];
  it.each(table)('maps the %s body to kind %s', async (key, kind, retryable) => {
    const canned: Canned = fixtures.errors[key];
    const { status, json } = fixtures.errors[key];
    server.on('POST /json/2/sale.order/action_confirm', canned);
    const error = await caught(client.call('sale.order', 'action_confirm', { ids: [12] }));
    expect(error).toMatchObject({ name: json.name, message: json.message, kind, retryable });
    expect(error.httpStatus).toBe(status);
    expect(error.arguments).toEqual(json.arguments);
  });

  it('maps a 401 with WWW-Authenticate: bearer to access_denied', async () => {
    server.on('POST /json/2/res.users/context_get', fixtures.errors.unauthorized);
    const error = await caught(client.authenticate());
    expect(error).toMatchObject({
      kind: 'access_denied',
      httpStatus: 401,
      message: 'Invalid apikey',
    });
  });

  it("maps a gateway's 504 to a timeout, since Odoo may still commit", async () => {
    server.on('POST /json/2/res.partner/create', { status: 504, text: 'Gateway Timeout' });
    const error = await caught(client.create('res.partner', { name: 'A' }));
    expect(error).toMatchObject({ kind: 'timeout', httpStatus: 504, retryable: true });
  });

  it("maps a proxy's non-Odoo 502 to a retryable transport error", async () => {
    server.on('POST /json/2/sale.order/action_confirm', fixtures.errors.proxyBadGateway);
    const error = await caught(client.call('sale.order', 'action_confirm', { ids: [12] }));
    expect(error).toMatchObject({ kind: 'transport', httpStatus: 502, retryable: true });
  });
});
