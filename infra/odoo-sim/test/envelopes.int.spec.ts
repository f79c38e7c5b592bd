import { VERSIONS } from '../src/version';
import { startSim, type SimClient } from './sim-client';
import type { OdooSim } from '../src/create-odoo-sim';

describe.each(VERSIONS)('JSON-RPC envelopes on Odoo %i', (version) => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(version)));
  afterAll(() => sim.stop());

  it('answers common.version with the version info', async () => {
    const { body } = await client.rpc({ service: 'common', method: 'version', args: [] });
    expect(body.result).toEqual({
      server_version: `${version}.0`,
      server_version_info: [version, 0, 0, 'final', 0, ''],
      server_serie: `${version}.0`,
      protocol_version: 1,
    });
  });

  it('authenticates with the password or the API key and answers false otherwise', async () => {
    const auth = (login: string, secret: string) =>
      client.rpc({ service: 'common', method: 'authenticate', args: ['o2c', login, secret, {}] });
    expect((await auth('admin', 'admin')).body.result).toBe(2);
    expect((await auth('readonly', 'o2c-readonly-key')).body.result).toBe(6);
    const bad = await auth('admin', 'wrong');
    expect(bad.status).toBe(200);
    expect(bad.body.result).toBe(false);
    expect(bad.body.error).toBeUndefined();
  });

  it('echoes the id and wraps errors with the version code and HTTP 200', async () => {
    const { status, body } = await client.executeRaw('sale.order', 'search', [[]], {}, 2, 'nope');
    expect(status).toBe(200);
    expect(body).toEqual({
      jsonrpc: '2.0',
      id: expect.any(Number) as number,
      error: {
        code: version === 19 ? 0 : 200,
        message: 'Odoo Server Error',
        data: {
          name: 'odoo.exceptions.AccessDenied',
          message: 'Access Denied',
          arguments: ['Access Denied'],
          context: {},
          debug: expect.any(String) as string,
        },
      },
    });
  });

  it('rejects a body that is not JSON with a 400 (werkzeug HTML page on 17)', async () => {
    const res = await fetch(`${client.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{oops',
    });
    expect(res.status).toBe(400);
    if (version === 17) {
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('<title>400 Bad Request</title>');
    } else expect(await res.text()).toBe('Invalid JSON data');
  });

  it('refuses private methods, unknown methods, models and fields with their Python classes', async () => {
    expect((await client.failure('sale.order', '_create_invoices', [[1]]))?.name).toBe(
      'odoo.exceptions.AccessError',
    );
    expect((await client.failure('sale.order', 'frobnicate', [[1]]))?.name).toBe(
      'builtins.AttributeError',
    );
    expect(await client.failure('foo.bar', 'search', [[]])).toMatchObject({
      name: 'odoo.exceptions.UserError',
      message: "Object foo.bar doesn't exist",
    });
    expect((await client.failure('sale.order', 'search', [[['nope', '=', 1]]]))?.name).toBe(
      'builtins.ValueError',
    );
    expect((await client.failure('sale.order', 'search', [[['state', 'eq', 'x']]]))?.name).toBe(
      'builtins.ValueError',
    );
  });

  it('lets the readonly user read but not write', async () => {
    expect(
      await client.call('res.partner', 'search_count', [[]], {}, 6, 'readonly'),
    ).toBeGreaterThan(0);
    const err = await client.failure(
      'res.partner',
      'create',
      [{ name: 'X' }],
      {},
      6,
      'o2c-readonly-key',
    );
    expect(err?.name).toBe('odoo.exceptions.AccessError');
  });

  it('omits result when the method returns None', async () => {
    const move = await client.call<number>('account.move', 'create', [
      { move_type: 'out_invoice', partner_id: 5 },
    ]);
    const { body } = await client.executeRaw('account.move', 'button_cancel', [[move]]);
    expect(body).toEqual({ jsonrpc: '2.0', id: expect.any(Number) as number });
    expect('result' in body).toBe(false);
  });

  it(`serves JSON-2 only on 19 (here: ${version === 19 ? 'yes' : '404'})`, async () => {
    const { status } = await client.json2('res.partner', 'search', { domain: [] });
    expect(status).toBe(version === 19 ? 200 : 404);
  });
});
