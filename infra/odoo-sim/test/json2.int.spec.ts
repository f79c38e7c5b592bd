import type { OdooSim } from '../src/create-odoo-sim';
import { startSim, type SimClient } from './sim-client';

describe('JSON-2 on Odoo 19', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(19)));
  afterAll(() => sim.stop());

  it('answers with bare results and named parameters', async () => {
    const res = await client.json2('res.partner', 'search_read', {
      domain: [['ref', '=', 'CUST-001']],
      fields: ['name', 'country_id'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ id: 5, name: 'Deco Addict', country_id: [1, 'Belgium'] }]);
  });

  it('returns a list from create even for one dict', async () => {
    const res = await client.json2('res.partner', 'create', { vals_list: { name: 'Json Two' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.any(Number) as number]);
  });

  it('answers 401 Invalid apikey with WWW-Authenticate: bearer', async () => {
    const res = await client.json2('res.partner', 'search', { domain: [] }, 'bad-key');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('bearer');
    expect(res.body).toMatchObject({
      name: 'werkzeug.exceptions.Unauthorized',
      message: 'Invalid apikey',
      arguments: ['Invalid apikey', 401],
    });
  });

  it.each<[string, string, string, unknown, number, string]>([
    [
      'readonly user writes',
      'res.partner',
      'write',
      { ids: [5], vals: { name: 'x' } },
      403,
      'odoo.exceptions.AccessError',
    ],
    [
      'private method',
      'sale.order',
      '_create_invoices',
      { ids: [1] },
      403,
      'odoo.exceptions.AccessError',
    ],
    ['unknown model', 'foo.bar', 'search', {}, 404, 'werkzeug.exceptions.NotFound'],
    [
      'unknown method',
      'res.partner',
      'frobnicate',
      { ids: [5] },
      404,
      'werkzeug.exceptions.NotFound',
    ],
    [
      'deleted record',
      'res.partner',
      'write',
      { ids: [9999], vals: { name: 'x' } },
      404,
      'odoo.exceptions.MissingError',
    ],
    ['unlink of nothing succeeds', 'sale.order', 'unlink', { ids: [] }, 200, ''],
    [
      'unknown argument',
      'res.partner',
      'search',
      { domian: [] },
      422,
      'werkzeug.exceptions.UnprocessableEntity',
    ],
    [
      'ids on a model method',
      'res.partner',
      'create',
      { ids: [1], vals_list: {} },
      422,
      'werkzeug.exceptions.UnprocessableEntity',
    ],
    [
      'empty ids on a model method are fine',
      'res.partner',
      'create',
      { ids: [], vals_list: { name: 'E' } },
      200,
      '',
    ],
  ])('%s', async (_name, model, method, body, status, errorName) => {
    const key =
      method === 'write' && _name.startsWith('readonly') ? 'o2c-readonly-key' : 'o2c-admin-key';
    const res = await client.json2(model, method, body, key);
    expect(res.status).toBe(status);
    if (errorName) expect(res.body).toMatchObject({ name: errorName, context: {} });
  });

  it('answers 422 for a UserError', async () => {
    const inv = await client.json2('account.move', 'create', {
      vals_list: { move_type: 'out_invoice', partner_id: 5 },
    });
    const res = await client.json2('account.move', 'action_post', { ids: inv.body });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      name: 'odoo.exceptions.UserError',
      message: 'You need to add a line before posting.',
    });
  });

  it('answers 409 for an injected LockError and 500 for a serialization failure', async () => {
    await client.control('POST', 'faults', { kind: 'lock_error', count: 1, model: 'res.partner' });
    await client.control('POST', 'faults', {
      kind: 'serialization_failure',
      count: 1,
      model: 'res.partner',
    });
    const lock = await client.json2('res.partner', 'search_count', { domain: [] });
    expect(lock).toMatchObject({ status: 409, body: { name: 'odoo.exceptions.LockError' } });
    const serial = await client.json2('res.partner', 'search_count', { domain: [] });
    expect(serial).toMatchObject({
      status: 500,
      body: { name: 'psycopg2.errors.SerializationFailure' },
    });
  });

  it('answers 400 for a body that is not JSON and 404 for a bare /json/2 path', async () => {
    const bad = await fetch(`${client.url}/json/2/res.partner/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'bearer o2c-admin-key' },
      body: '{x',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(
      /^could not parse the body as json/,
    );
    const bare = await fetch(`${client.url}/json/2/res.partner`, {
      method: 'POST',
      headers: { Authorization: 'bearer o2c-admin-key' },
    });
    expect(bare.status).toBe(404);
  });

  it('exposes the 19 field names and the version routes', async () => {
    const res = await client.json2('sale.order.line', 'fields_get', { attributes: ['type'] });
    const fields = res.body as Record<string, unknown>;
    expect(fields).toHaveProperty('product_uom_id');
    expect(fields).toHaveProperty('tax_ids');
    expect(fields).not.toHaveProperty('product_uom');
    const version = await (await fetch(`${client.url}/json/version`)).json();
    expect(version).toEqual({ version_info: [19, 0, 0, 'final', 0, ''], version: '19.0' });
    const me = await client.json2('res.users', 'context_get', {});
    expect(me.body).toMatchObject({ uid: 2 });
  });
});

describe('version profiles through fields_get', () => {
  it.each([
    [16, { product: 'detailed_type', move: 'quantity_done', soLocked: false, poDone: true }],
    [17, { product: 'detailed_type', move: 'quantity', soLocked: true, poDone: true }],
    [18, { product: 'is_storable', move: 'quantity', soLocked: true, poDone: true }],
    [19, { product: 'is_storable', move: 'quantity', soLocked: true, poDone: false }],
  ] as const)('Odoo %i', async (version, expected) => {
    const { sim, client } = await startSim(version);
    try {
      const product = await client.call<Record<string, unknown>>(
        'product.product',
        'fields_get',
        [],
        { attributes: ['type'] },
      );
      expect(product).toHaveProperty(expected.product);
      const move = await client.call<Record<string, unknown>>('stock.move', 'fields_get', [], {
        attributes: ['type'],
      });
      expect(move).toHaveProperty(expected.move);
      const so = await client.call<Record<string, unknown>>('sale.order', 'fields_get', [], {
        attributes: ['type'],
      });
      expect('locked' in so).toBe(expected.soLocked);
      const po = await client.call<{ state: { selection: [string, string][] } }>(
        'purchase.order',
        'fields_get',
        [['state']],
        { attributes: ['selection'] },
      );
      expect(po.state.selection.some(([k]) => k === 'done')).toBe(expected.poDone);
      const kw = version >= 18 ? 'domain' : 'args';
      expect(
        await client.call('res.partner', 'name_search', ['Deco'], {
          [kw]: [['is_company', '=', true]],
        }),
      ).toEqual([[5, 'Deco Addict']]);
      const web = await fetch(`${client.url}/web/version`);
      expect(web.status).toBe(version >= 19 ? 200 : 404);
    } finally {
      await sim.stop();
    }
  });
});
