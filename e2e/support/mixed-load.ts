import { apiOf } from './api';
import { carrierRules, OUT_OF_STOCK, planMix, SCARCE, STOCKED } from './mix';
import type { Platform } from './platform';
import { followUp, settle, submitMix, summarize, type MixResult } from './run-mix';
import { odooOf } from './odoo';
import { restockByPurchasing, type Restocked } from './purchase-restock';
import { stockUp } from './stock';
import { verify, type VerifyOutcome } from './verify';

export interface MixedLoadOptions {
  orders: number;
  /** Orders submitted at once (default 8). */
  concurrency?: number;
  /** Progress lines ("submitted", "settled"…). */
  phase?: (what: string) => void;
  /** How long the run waits with no order settling (nor verify improving) before it gives up (default 5 min). */
  settleTimeoutMs?: number;
  /** Something disturbing the run (a chaos driver): awaited, then the orders settle again. */
  disturbance?: Promise<unknown>;
}

export interface MixedLoadOutcome {
  results: MixResult[];
  /** Orders not in their scenario's expected status when the run gave up waiting. */
  late: MixResult[];
  /** The purchase orders that restocked what waited. */
  purchases: Restocked[];
  summary: Awaited<ReturnType<typeof summarize>>;
  verify: VerifyOutcome;
}

/**
 * The mixed run of the architecture's flows at scale, shared by the mixed-run and chaos tests and
 * `npm run chaos`: stock (one SKU scarce, one out with a substitute), carrier fault rules, orders
 * over REST, cancels and returns, stock bought for the backorders, then `verify` once Odoo caught up.
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
  // Stock for what waits is bought from a supplier, received and billed: backorders fill and ship.
  const purchases = await restockByPurchasing(p, odooOf(p).odoo, [SCARCE, OUT_OF_STOCK], settleMs);
  phase(`bought ${JSON.stringify(purchases)}`);
  let late = await settle(api, results, settleMs);
  if (opts.disturbance) {
    await opts.disturbance;
    phase('disturbance over');
    late = await settle(api, results, settleMs);
  }
  phase(`settled (${late.length} late)`);
  // Invoices reach Odoo through the adapter after the orders settle (long after, at scale).
  const outcome = await verifyOnceCaughtUp(p, phase, settleMs);
  phase(`verify ${outcome.result.ok ? 'clean' : `${outcome.result.violations.length} violations`}`);
  return { results, late, purchases, summary: await summarize(api, results), verify: outcome };
}

/** `verify` until clean, or until its violations have stopped going down for `stallMs`. */
async function verifyOnceCaughtUp(p: Platform, phase: (what: string) => void, stallMs: number) {
  let best = Infinity;
  let deadline = Date.now() + stallMs;
  for (;;) {
    const outcome = await verify(p, 0);
    const count = outcome.result.violations.length;
    if (outcome.result.ok || Date.now() > deadline) return outcome;
    if (count < best) {
      const checks = [...new Set(outcome.result.violations.map((v) => v.check))].join(', ');
      phase(`verify: ${count} violations left (${checks}), still going down`);
      best = count;
      deadline = Date.now() + stallMs;
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
}
