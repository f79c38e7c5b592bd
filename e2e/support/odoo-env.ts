import { createOdooClient } from '@o2c/odoo-client';
import { z } from 'zod';

/** The same variables (and defaults) as odoo-adapter's config, for the scripts that talk to Odoo. */
const Schema = z.object({
  ODOO_URL: z.url().optional(),
  ODOO_DB: z.string().default('o2c'),
  ODOO_LOGIN: z.string().default('admin'),
  ODOO_API_KEY: z.string().min(1).default('o2c-admin-key'),
  ODOO_COMPANY_ID: z.coerce.number().int().positive().default(1),
  /** The demo's order currency: the Odoo company's (customers are invoiced in it). */
  DEMO_CURRENCY: z.string().length(3).default('EUR'),
});
export type OdooEnv = z.infer<typeof Schema>;

/** The scripts' one reading of the environment (ODOO_URL unset: the simulator `npm start` runs). */
export const odooEnv = (): OdooEnv =>
  // eslint-disable-next-line no-restricted-properties -- a script's config, read once here
  Schema.parse(process.env);

export const odooClientOf = (env: OdooEnv, url = env.ODOO_URL ?? 'http://127.0.0.1:8069') =>
  createOdooClient({
    url,
    db: env.ODOO_DB,
    login: env.ODOO_LOGIN,
    apiKey: env.ODOO_API_KEY,
    transport: 'auto',
  });
