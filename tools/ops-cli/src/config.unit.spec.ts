import { hashApiKey } from '@o2c/http';
import { loadConfig } from './config';
import { OpsError } from './errors';

describe('the Odoo key of o2c-ops', () => {
  it("is the simulator's while ODOO_URL is unset (the local platform)", () => {
    expect(loadConfig({}).odoo.apiKey).toBe('o2c-admin-key');
  });

  it('is required for a real Odoo, and only read by the commands that talk to it', () => {
    const config = loadConfig({ ODOO_URL: 'https://erp.example.com' });
    expect(config.brokers).toEqual(['127.0.0.1:9092']);
    expect(() => config.odoo).toThrow(OpsError);
    expect(() => config.odoo).toThrow(/ODOO_API_KEY is not set/);
  });

  it("refuses the simulator's public key outside development, naming no value", () => {
    const config = loadConfig({
      ODOO_URL: 'https://erp.example.com',
      ODOO_API_KEY: 'o2c-admin-key',
    });
    expect(() => config.odoo).toThrow(/ODOO_API_KEY holds the public development value/);
    expect(() => config.odoo).not.toThrow(/o2c-admin-key/);
    expect(loadConfig({ ODOO_URL: 'https://erp.example.com', ODOO_API_KEY: 'k' }).odoo.apiKey).toBe(
      'k',
    );
  });
});

describe('the API keys of o2c-ops console', () => {
  it('are the development key (every scope) while in development', () => {
    const [only, ...rest] = loadConfig({}).console.apiKeys;
    expect(rest).toEqual([]);
    expect(only?.scopes).toContain('ops:write');
  });

  it('are required outside development, and may not hold the development key', () => {
    const production = { ODOO_URL: 'https://erp.example.com' };
    expect(() => loadConfig(production).console.apiKeys).toThrow(/API_KEYS is not set/);
    expect(
      () =>
        loadConfig({ ...production, API_KEYS: `dev:${hashApiKey('o2c-dev-key')}:ops:read` }).console
          .apiKeys,
    ).toThrow(/public development key/);
    const keys = loadConfig({ ...production, API_KEYS: `sre:${hashApiKey('k')}:ops:read` }).console
      .apiKeys;
    expect(keys).toEqual([{ client: 'sre', sha256: hashApiKey('k'), scopes: ['ops:read'] }]);
  });

  it('say which service databases, /metrics and Zipkin the console reads', () => {
    const { console: c } = loadConfig({ ZIPKIN_URL: 'http://zipkin:9411/' });
    expect(c.zipkinUrl).toBe('http://zipkin:9411');
    expect(c.databaseUrls.fulfillment).toBe('postgres://postgres@127.0.0.1:5432/o2c_fulfillment');
    expect(c.serviceUrls['odoo-adapter']).toBe('http://127.0.0.1:3005');
  });
});
