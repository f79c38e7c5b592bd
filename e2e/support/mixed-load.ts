import { apiOf, until } from './api';
import { carrierRules, OUT_OF_STOCK, planMix, SCARCE, STOCKED } from './mix';
import type { Platform } from './platform';
import { followUp, settle, submitMix, summarize, type MixResult } from './run-mix';
import { restock, stockUp } from './stock';
import { verify, type VerifyOutcome } from './verify';

export interface MixedLoadOptions {
  orders: number;
  /** Orders submitted at once (default 8). */
  concurrency?: number;
  /** Progress lines ("submitted", "settled"…). */
  phase?: (what: string) => void;
  /** How long the orders may take to settle after the last one is submitted (default 5 min). */
  settleTimeoutMs?: number;
  /** Something disturbing the run (a chaos driver): awaited, then the orders settle again. */
  disturbance?: Promise<unknown>;
}

export interface MixedLoadOutcome {
  results: MixResult[];
  /** Orders not in their scenario's expected status when the run gave up waiting. */
  late: MixResult[];
  summary: Awaited<ReturnType<typeof summarize>>;
  verify: VerifyOutcome;
}

/**
 * The mixed run of the architecture's flows at scale, shared by the mixed-run and chaos tests and
 * `npm run chaos`: stock (one SKU scarce, one out with a substitute), carrier fault rules, orders
 * over REST, cancels and returns, new stock for the backorders, then `verify` once Odoo caught up.
 */
export async function runMixedLoad(p: Platform, opts: MixedLoadOptions): Promise<MixedLoadOutcome> {
  const api = apiOf(p);
  const phase = opts.phase ?? (() => undefined);
  const plan = planMix(opts.orders);
  await stockUp(api, {
    ...Object.fromEntries(STOCKED.map((sku) => [sku, 100 * opts.orders])),
    [SCARCE]: Math.max(10, Math.round(opts.orders / 10)),
    [OUT_OF_STOCK]: 0,
  });
  const retries = plan.filter((o) => o.scenario === 'carrier-retry').length;
  for (const rule of carrierRules(retries)) await api.carrierFault(rule);

  phase('stocked; submitting');
  const results = await submitMix(api, plan, {
    concurrency: opts.concurrency ?? 8,
    onSubmitted: (n) => n % 1000 === 0 && phase(`${n} submitted`),
  });
  phase('submitted');
  const settleMs = opts.settleTimeoutMs ?? 300_000;
  await followUp(api, results, settleMs);
  phase('cancels and returns done');
  // Stock arrives for what waits: the backorders fill and ship.
  await restock(api, { [SCARCE]: opts.orders, [OUT_OF_STOCK]: opts.orders });
  let late = await settle(api, results, settleMs);
  if (opts.disturbance) {
    await opts.disturbance;
    phase('disturbance over');
    late = await settle(api, results, settleMs);
  }
  phase(`settled (${late.length} late)`);
  // Invoices reach Odoo through the adapter a little after the orders settle.
  const outcome = await until(
    async () => {
      const v = await verify(p, 0);
      return v.result.ok ? v : undefined;
    },
    'verify clean',
    180_000,
  ).catch(() => verify(p, 0));
  phase(`verify ${outcome.result.ok ? 'clean' : `${outcome.result.violations.length} violations`}`);
  return { results, late, summary: await summarize(api, results), verify: outcome };
}
