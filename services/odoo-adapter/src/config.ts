import {
  developmentSecrets,
  odooEnv,
  parseEnv,
  resolveSecrets,
  secretValues,
  secretVar,
} from '@o2c/config';
import { serviceEnv } from '@o2c/platform';
import { z } from 'zod';
import pkg from '../package.json';

/** 'EUR:2,USD:1' → currency code → product.pricelist id. */
const pricelistMap = z
  .string()
  .regex(/^\s*[A-Z]{3}\s*:\s*\d+\s*(,\s*[A-Z]{3}\s*:\s*\d+\s*)*$/, 'CUR:id,CUR:id')
  .transform(
    (s) =>
      new Map(
        s.split(',').map((pair) => {
          const [currency = '', id = ''] = pair.split(':').map((x) => x.trim());
          return [currency, Number(id)] as const;
        }),
      ),
  );

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const Schema = serviceEnv(pkg.o2c).extend({
  ...odooEnv,
  ODOO_MAX_CONCURRENCY: z.coerce.number().int().positive().default(4),
  ODOO_RATE_PER_SEC: z.coerce.number().positive().default(20),
  ODOO_BREAKER_THRESHOLD: z.coerce.number().int().positive().default(5),
  ODOO_BREAKER_OPEN_MS: z.coerce.number().int().positive().default(10_000),
  /** 0 turns polling off (webhooks only). */
  ODOO_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
  /** How far behind the cursor each poll re-reads, for transactions that commit late. */
  ODOO_POLL_OVERLAP_MS: z.coerce.number().int().min(0).default(300_000),
  /**
   * Secret path segment of the webhook URL Odoo calls (Odoo signs nothing); unset = no webhook.
   * `new,old` accepts both while rotating.
   */
  ODOO_WEBHOOK_TOKEN: z
    .string()
    .transform(secretValues)
    .pipe(z.array(z.string().min(16)).min(1))
    .optional(),
  /** product.product many2one naming a product's substitute; empty = substitutes are not synced. */
  ODOO_SUBSTITUTE_FIELD: z
    .string()
    .default('x_substitute_product_id')
    .transform((s) => s.trim() || null),
  /**
   * The pricelist of each currency sale orders are created in (Odoo takes an order's currency
   * from its pricelist). Unset: the first pricelist in the order's currency found in Odoo.
   */
  ODOO_PRICELISTS: pricelistMap.optional(),
  MASTER_DATA_REFRESH_MS: z.coerce.number().int().positive().default(300_000),
  /**
   * How often events parked for their sale order are tried again (besides right after their
   * OrderAccepted is synced): for sale orders confirmed another way, and resumes that failed.
   */
  ODOO_WAITING_RETRY_MS: z.coerce.number().int().positive().default(30_000),
  /** Purchasing: approvals of one supplier, warehouse and currency within this window make one PO. */
  PURCHASE_WINDOW_MS: z.coerce.number().int().min(0).default(60_000),
  /** Purchasing loop interval, and the first retry delay of Odoo and supplier calls (doubling). */
  PURCHASE_POLL_MS: z.coerce.number().int().positive().default(1_000),
  /** A placed purchase the supplier has not answered within this raises CONFIRMATION_OVERDUE. */
  PURCHASE_CONFIRMATION_TIMEOUT_MS: z.coerce.number().int().positive().default(86_400_000),
  /** The suppliers' API (POST /purchase-orders); unset = purchase orders are not sent (logged). */
  SUPPLIER_URL: z.url().optional(),
  /** Where suppliers answer; defaults to http://127.0.0.1:<PORT>/webhooks/suppliers. */
  SUPPLIER_CALLBACK_URL: z.url().optional(),
  SUPPLIER_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** Signs supplier webhooks; `new,old` accepts both while rotating. */
  SUPPLIER_WEBHOOK_SECRET: secretVar(),
  /** A supplier webhook whose X-Supplier-Timestamp is further than this from our clock is refused. */
  SUPPLIER_WEBHOOK_TOLERANCE_MS: z.coerce.number().int().positive().default(300_000),
  /**
   * How often receipts and draft vendor bills of our purchases are polled (they have no webhook);
   * unset = ODOO_POLL_INTERVAL_MS, 0 = off.
   */
  ODOO_PURCHASE_POLL_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  /**
   * Write mode of a channel without a channel_modes row: live (the adapter writes Odoo) or
   * shadow (it only compares with what the existing integration wrote; start a migration here).
   */
  ODOO_WRITE_MODE_DEFAULT: z.enum(['live', 'shadow']).default('live'),
  /** sale.order field the existing integration stores the channel's order reference in. */
  ODOO_SHADOW_MATCH_FIELD: z
    .string()
    .regex(/^[a-z_][a-z0-9_.]*$/, 'an Odoo field name')
    .default('client_order_ref'),
  /** How often pending shadow comparisons are compared again. */
  SHADOW_RECHECK_MS: z.coerce.number().int().positive().default(5_000),
  /** How long the legacy path may lag: a comparison still differing after this is a divergence. */
  SHADOW_SETTLE_MS: z.coerce.number().int().min(0).default(300_000),
  /** IANA time zone whose calendar day dates a vendor bill the adapter posts after its match. */
  ODOO_COMPANY_TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, { message: 'an IANA time zone such as Europe/Berlin' }),
});

/** The supplier simulator's well-known secret: the development default, refused anywhere else. */
const DEV_SUPPLIER_WEBHOOK_SECRET = 'o2c-supplier-secret';

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) =>
  resolveSecrets(parseEnv(Schema, env), {
    ODOO_API_KEY: developmentSecrets.ODOO_API_KEY,
    SUPPLIER_WEBHOOK_SECRET: DEV_SUPPLIER_WEBHOOK_SECRET,
  });
