import { z } from 'zod';
import { secretVar } from './secrets';

/**
 * How to reach Odoo: the variables the odoo-adapter and the ops tools (doctor, verify) share, so
 * both always talk to the same database with the same credentials. Defaults are the simulator's.
 */
export const odooEnv = {
  ODOO_URL: z.url().default('http://127.0.0.1:8069'),
  ODOO_DB: z.string().default('o2c'),
  ODOO_LOGIN: z.string().default('admin'),
  /** A secret: see resolveSecrets (the simulator's key in development). */
  ODOO_API_KEY: secretVar(),
  /** auto: JSON-2 on Odoo 19+, JSON-RPC before. */
  ODOO_PROTOCOL: z.enum(['auto', 'jsonrpc', 'json2']).default('auto'),
  ODOO_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Canonical unit code = Odoo uom.uom name, e.g. `EA=Units,DZ=Dozens,KG=kg`. */
  ODOO_UOM_MAP: z
    .string()
    .default('EA=Units,DZ=Dozens,KG=kg')
    .transform(
      (s) =>
        new Map(
          s.split(',').map((pair) => pair.split('=').map((x) => x.trim()) as [string, string]),
        ),
    ),
  /**
   * Validate deliveries with `skip_sms` (Odoo's stock_sms otherwise answers an SMS question
   * instead of validating, and sends the customer an SMS). `false`: Odoo texts customers; its
   * SMS question must then have been answered once in Odoo, or validations fail.
   */
  ODOO_SKIP_SMS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** The Odoo company whose master data (and shared records) odoo.master-data carries. */
  ODOO_COMPANY_ID: z.coerce.number().int().positive().default(1),
  /** The res.partner field that is the canonical customer id (orders' customerRef). */
  ODOO_CUSTOMER_KEY: z.enum(['ref', 'vat', 'email']).default('ref'),
};
