import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WireExchange, WireFixture } from '@o2c/testing';
import { createOdooClient, OdooError, type OdooClient, type OdooErrorKind } from '../src';
import { startReplayServer, type ReplayServer } from './replay-server';

/**
 * Replays the fixtures recorded from a real Odoo 17 (test/recorder) against the client: each
 * recorded call is made through the client's API, the replay server checks the request on the
 * wire equals the recorded one, and the client must return or raise exactly what was recorded.
 */
const FIXTURES = ['odoo17.json', 'odoo17-stock-delivery.json', 'odoo17-purchase.json'];
const load = (file: string) =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures', file), 'utf8')) as WireFixture;

/** The kind each recorded Odoo exception must map to; a new name in a recording must be added. */
const KIND_OF: Record<string, OdooErrorKind> = {
  'odoo.exceptions.AccessDenied': 'access_denied',
  'odoo.exceptions.AccessError': 'access',
  'odoo.exceptions.MissingError': 'missing',
  'odoo.exceptions.ValidationError': 'validation',
  'odoo.exceptions.UserError': 'user',
  'builtins.ValueError': 'value',
  'builtins.TypeError': 'value',
  'builtins.AttributeError': 'not_found',
};

/** What the client has no API for: the db service and raw HTTP. */
const NOT_CLIENT_CALLS = ['db.list', 'http.version-info', 'http.text-plain'];

type Kw = Record<string, unknown>;

/** Sends an execute_kw through the client method the adapter would use for it. */
function viaClient(client: OdooClient, args: unknown[]): Promise<unknown> {
  const [model, method, positional, kwargs] = args.slice(3) as [string, string, unknown[], Kw];
  const [first, second] = positional as [never, never];
  const one = positional.length === 1;
  if (method === 'search_read' && one) return client.searchRead(model, first, kwargs);
  if (method === 'search' && one) return client.search(model, first, kwargs);
  if (method === 'search_count' && one) return client.searchCount(model, first, kwargs);
  if (method === 'read') return client.read(model, first, second, kwargs);
  if (method === 'create' && one) return client.create(model, first, kwargs);
  if (method === 'write') return client.write(model, first, second, kwargs);
  if (method === 'unlink' && one) return client.unlink(model, first, kwargs);
  if (one && Array.isArray(first)) return client.call(model, method, { ids: first, kwargs });
  return client.call(model, method, { args: positional, kwargs });
}

function clientFor(url: string, exchange: WireExchange) {
  const args = exchange.request?.args ?? [];
  const login = exchange.request?.method === 'authenticate' ? String(args[1]) : '$login';
  // authenticate's and execute_kw's args both carry the key third.
  const apiKey = String(args[2]);
  return createOdooClient({ url, db: String(args[0]), login, apiKey, transport: 'jsonrpc' });
}

function run(client: OdooClient, exchange: WireExchange): Promise<unknown> {
  const request = exchange.request;
  if (request?.method === 'version') return client.version().then((v) => v.info);
  if (request?.method === 'authenticate') return client.authenticate();
  return viaClient(client, request?.args ?? []);
}

function expectedResult(exchange: WireExchange): unknown {
  const body = exchange.response.body as { result?: unknown };
  if (exchange.request?.method === 'version')
    return (body.result as { server_version_info: unknown[] }).server_version_info;
  return body.result ?? null;
}

describe.each(FIXTURES)('the client against the real Odoo 17 recording %s', (file) => {
  const fixture = load(file);
  const replayable = fixture.exchanges.filter((e) => !NOT_CLIENT_CALLS.includes(e.name));
  let server: ReplayServer;
  beforeAll(async () => {
    server = await startReplayServer(fixture.exchanges);
  });
  afterAll(() => server.close());

  it('was recorded from Odoo 17.0 with sale_management, stock and account', () => {
    expect(fixture.recordedFrom.server_version).toMatch(/^17\.0/);
    expect(fixture.recordedFrom.modules).toEqual(
      expect.arrayContaining(['sale_management', 'stock', 'account', 'stock_sms']),
    );
    const notClient = file === 'odoo17-purchase.json' ? [] : NOT_CLIENT_CALLS;
    expect(fixture.exchanges.length - replayable.length).toBe(notClient.length);
  });

  it.each(replayable.map((e) => [e.name, e] as const))('%s', async (_name, exchange) => {
    server.expect(exchange);
    const client = clientFor(server.url, exchange);
    const outcome = await run(client, exchange).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    expect(server.unexpected).toEqual([]);
    const recorded = (exchange.response.body as { error?: { data: Record<string, unknown> } })
      .error;
    const authRefused =
      exchange.request?.method === 'authenticate' && expectedResult(exchange) === false;
    if (recorded) {
      expect(outcome).toHaveProperty('error');
      const error = (outcome as { error: unknown }).error as OdooError;
      expect(error).toBeInstanceOf(OdooError);
      const { name, message } = recorded.data;
      expect(error).toMatchObject({ name, message, arguments: recorded.data['arguments'] });
      expect(error.kind).toBe(KIND_OF[String(name)] ?? `no kind listed for ${String(name)}`);
      expect(error.retryable).toBe(false);
    } else if (authRefused) {
      expect((outcome as { error?: OdooError }).error).toMatchObject({ kind: 'access_denied' });
    } else {
      expect(outcome).toEqual({ value: expectedResult(exchange) });
    }
  });
});
