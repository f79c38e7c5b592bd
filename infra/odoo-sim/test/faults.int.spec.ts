import type { OdooSim } from '../src/create-odoo-sim';
import { startSim, type SimClient } from './sim-client';

describe('fault injection and the call log', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(18)));
  afterAll(() => sim.stop());
  beforeEach(() => client.control('POST', 'reset'));

  const partners = () =>
    client.call<number>('res.partner', 'search_count', [[['name', '=', 'Idem']]]);

  it('fails the next N matching calls with SerializationFailure, then recovers', async () => {
    await client.control('POST', 'faults', {
      kind: 'serialization_failure',
      count: 2,
      model: 'res.partner',
      method: 'create',
    });
    expect(await client.failure('res.partner', 'search', [[]])).toBeUndefined();
    expect((await client.failure('res.partner', 'create', [{ name: 'Idem' }]))?.name).toBe(
      'psycopg2.errors.SerializationFailure',
    );
    expect((await client.failure('res.partner', 'create', [{ name: 'Idem' }]))?.name).toBe(
      'psycopg2.errors.SerializationFailure',
    );
    expect(await partners()).toBe(0);
    await client.call('res.partner', 'create', [{ name: 'Idem' }]);
    expect(await partners()).toBe(1);
  });

  it('raises LockError on 18+', async () => {
    await client.control('POST', 'faults', { kind: 'lock_error', count: 1, method: 'write' });
    expect((await client.failure('res.partner', 'write', [[5], { phone: '1' }]))?.name).toBe(
      'odoo.exceptions.LockError',
    );
  });

  it('commits, then drops the connection for timeout_after_commit', async () => {
    await client.control('POST', 'faults', {
      kind: 'timeout_after_commit',
      count: 1,
      model: 'res.partner',
      method: 'create',
    });
    await expect(client.call('res.partner', 'create', [{ name: 'Idem' }])).rejects.toThrow();
    expect(await partners()).toBe(1);
    const { counts } = await client.control<{ counts: Record<string, number> }>(
      'GET',
      'calls?model=res.partner',
    );
    expect(counts['res.partner.create']).toBe(1);
  });

  it('commits and never answers with timeout_after_commit mode hang', async () => {
    await client.control('POST', 'faults', {
      kind: 'timeout_after_commit',
      mode: 'hang',
      count: 1,
      method: 'create',
    });
    const call = fetch(`${client.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        params: {
          service: 'object',
          method: 'execute_kw',
          args: ['o2c', 2, 'admin', 'res.partner', 'create', [{ name: 'Idem' }]],
        },
      }),
      signal: AbortSignal.timeout(300),
    });
    await expect(call).rejects.toThrow();
    expect(await partners()).toBe(1);
  });

  it('answers a bare HTTP 500 without applying the call', async () => {
    await client.control('POST', 'faults', { kind: 'http_500', count: 1 });
    const { status } = await fetch(`${client.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        params: {
          service: 'object',
          method: 'execute_kw',
          args: ['o2c', 2, 'admin', 'res.partner', 'create', [{ name: 'Idem' }]],
        },
      }),
    });
    expect(status).toBe(500);
    expect(await partners()).toBe(0);
  });

  it('delays a slow call and still answers it', async () => {
    await client.control('POST', 'faults', { kind: 'slow', count: 1, delayMs: 50 });
    expect(await client.call('res.partner', 'search', [[['ref', '=', 'CUST-002']]])).toEqual([7]);
  });

  it('goes down with 503 or connection resets until cleared', async () => {
    await client.control('POST', 'faults', { kind: 'down', mode: '503' });
    expect((await fetch(`${client.url}/web/version`)).status).toBe(503);
    await client.control('DELETE', 'faults');
    await client.control('POST', 'faults', { kind: 'down', mode: 'reset' });
    await expect(fetch(`${client.url}/web/version`)).rejects.toThrow();
    await client.control('DELETE', 'faults');
    expect((await client.rpc({ service: 'common', method: 'version', args: [] })).status).toBe(200);
  });

  it('gates /jsonrpc like rpc.use_deprecated_services, or removes it', async () => {
    await client.control('POST', 'rpc', { enabled: false });
    const gated = await client.executeRaw('res.partner', 'search', [[]]);
    expect(gated.status).toBe(200);
    expect(gated.body.error).toMatchObject({
      code: 404,
      message: '404: Not Found',
      data: { name: 'werkzeug.exceptions.NotFound' },
    });
    expect(
      (await client.rpc({ service: 'common', method: 'version', args: [] })).body.result,
    ).toBeDefined();
    await client.control('POST', 'rpc', { enabled: false, mode: 'removed' });
    const res = await fetch(`${client.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(404);
  });

  it('refuses lock_error on a version without LockError', async () => {
    const { sim: old, client: oldClient } = await startSim(17);
    try {
      await expect(oldClient.control('POST', 'faults', { kind: 'lock_error' })).rejects.toThrow(
        /400/,
      );
    } finally {
      await old.stop();
    }
  });
});
