import { parseEnv } from '@o2c/config';
import { serviceEnv } from '@o2c/platform';
import { z } from 'zod';
import pkg from '../package.json';

const Schema = serviceEnv(pkg.o2c).extend({
  /**
   * Sales tax in basis points. 0 by default because Odoo (and odoo-sim, whose account.move
   * computes amount_tax = 0) puts no tax on the invoices we post: our totals must equal what
   * Odoo reports as paid.
   */
  TAX_RATE_BPS: z.coerce.number().int().min(0).max(10_000).default(0),
  PAYMENT_TERMS_DAYS: z.coerce.number().int().min(0).default(30),
  /**
   * A shipment may arrive before its order (another topic): it is retried with back-off capped
   * at CONSUMER_BACKOFF_MAX_MS, this many times, before it is dead-lettered.
   */
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().positive().default(20),
  CONSUMER_BACKOFF_MAX_MS: z.coerce.number().int().positive().default(3_000),
  /**
   * The three-way match's tolerance, in percent: a vendor bill may bill up to this much more
   * than was received per line, at a unit price this far from the order's either way.
   */
  VENDOR_BILL_TOLERANCE_PERCENT: z.coerce.number().min(0).max(100).default(2),
});

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) => parseEnv(Schema, env);
