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
