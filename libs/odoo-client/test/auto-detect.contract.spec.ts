import { createOdooClient } from '../src';
import json2 from './fixtures/json2-responses.json';
import jsonrpc from './fixtures/jsonrpc-envelopes.json';
import { startFixtureServer, type FixtureServer } from './fixture-server';

const base = { db: 'o2c', login: 'admin', transport: 'auto', timeoutMs: 2_000 } as const;

describe("transport: 'auto'", () => {
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  describe('when GET /web/version answers 19', () => {
    it('speaks JSON-2 with an API key', async () => {
      server.on('GET /web/version', json2.webVersion19);
      server.on('POST /json/2/res.partner/search', { json: [8] });
      const client = createOdooClient({ ...base, url: server.url, apiKey: 'k' });
      await expect(client.search('res.partner', [])).resolves.toEqual([8]);
      await expect(client.protocol()).resolves.toBe('json2');
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /web/version',
        'POST /json/2/res.partner/search',
      ]);
    });

    it('stays on JSON-RPC with a password, which JSON-2 does not take', async () => {
      server.on('GET /web/version', json2.webVersion19);
      const client = createOdooClient({ ...base, url: server.url, password: 'admin' });
      await expect(client.protocol()).resolves.toBe('jsonrpc');
    });
  });

  describe('when /web/version is an HTML 404 (16–18)', () => {
    it('falls back to common.version and speaks JSON-RPC', async () => {
      server.on('GET /web/version', json2.webVersionHtml404);
      server.on('rpc:common.version', jsonrpc.version17);
      const client = createOdooClient({ ...base, url: server.url, apiKey: 'k' });
      await expect(client.protocol()).resolves.toBe('jsonrpc');
      await expect(client.version()).resolves.toMatchObject({ major: 17 });
    });
  });

  describe('when the probe fails', () => {
    it('probes again on the next call', async () => {
      const client = createOdooClient({ ...base, url: server.url, apiKey: 'k' });
      await expect(client.protocol()).rejects.toMatchObject({ retryable: true });
      server.on('GET /web/version', json2.webVersion19);
      await expect(client.protocol()).resolves.toBe('json2');
    });
  });
});
