import { randomUUID } from 'node:crypto';
import type { Api } from './api';
import type { PlannedOrder, Scenario } from './mix';

export interface MixResult {
  order: PlannedOrder;
  /** HTTP status of POST /orders. */
  httpStatus: number;
  orderId?: string;
  /** The answer's body when it was not 201 (a problem+json). */
  problem?: unknown;
  submittedAt: number;
  /** What the run did after submitting, e.g. 'returned 1', 'cancelled'. */
  followUp?: string;
}

/** What each scenario should end as once the run settles. */
export const expectedStatus: Record<Scenario, string> = {
  happy: 'delivered',
  partial: 'delivered',
  substitution: 'delivered',
  'no-substitution': 'delivered',
  'carrier-retry': 'delivered',
  'carrier-reroute': 'delivered',
  'carrier-escalate': 'exception',
  return: 'delivered',
  cancel: 'cancelled',
  malformed: 'rejected',
};

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * POST /orders until it answers (a channel retrying through an outage): the same idempotency key
 * and reference each time, so a retry of a request that did commit returns the same order.
 */
async function submitOnce(api: Api, order: PlannedOrder) {
  const opts = {
    postalCode: order.postalCode,
    ref: `MIX-${order.n}-${randomUUID().slice(0, 8)}`,
    idempotencyKey: randomUUID(),
  };
  for (let attempt = 1; ; attempt++) {
    const res = await api.submitRaw(order.lines, opts).catch(() => undefined);
    // 409: the first attempt is still in flight on the server; 5xx: a dependency is down.
    if (res && res.status !== 409 && res.status < 500) return res;
    await pause(Math.min(2000, 100 * attempt));
  }
}

/** Submits the planned orders through POST /orders, `concurrency` at a time. */
export async function submitMix(
  api: Api,
  plan: PlannedOrder[],
  opts: { concurrency: number; onSubmitted?: (done: number) => void },
): Promise<MixResult[]> {
  const results: MixResult[] = [];
  await pool(plan, opts.concurrency, async (order) => {
    const submittedAt = Date.now();
    const res = await submitOnce(api, order);
    results.push({
      order,
      httpStatus: res.status,
      submittedAt,
      ...(res.status === 201 ? { orderId: res.body.orderId as string } : { problem: res.body }),
    });
    opts.onSubmitted?.(results.length);
  });
  return results.sort((a, b) => a.order.n - b.order.n);
}

/**
 * Cancels the 'cancel' orders once they wait for stock, and returns goods of delivered 'return'
 * orders; gives up once none could be followed up for `stallMs` (a backlog delays, not stalls).
 */
export async function followUp(api: Api, results: MixResult[], stallMs: number) {
  let deadline = Date.now() + stallMs;
  const pending = results.filter(
    (r) => r.orderId && (r.order.scenario === 'cancel' || r.order.scenario === 'return'),
  );
  while (pending.some((r) => !r.followUp) && Date.now() < deadline) {
    const open = pending.filter((x) => !x.followUp);
    for (const r of open) {
      // A service restarting under chaos answers nothing for a moment: try again next round.
      const o = await api.order(r.orderId!).catch(() => undefined);
      if (!o?.timeline) continue;
      if (
        r.order.scenario === 'cancel' &&
        o.timeline.some((e) => e.eventType === 'StockBackordered')
      ) {
        const res = await api.cancel(r.orderId!).catch(() => undefined);
        if (res && res.status < 500)
          r.followUp = res.status === 200 ? 'cancelled' : `cancel refused ${res.status}`;
      }
      const dispatched = o.timeline.find((e) => e.eventType === 'ShipmentDispatched');
      if (r.order.scenario === 'return' && o.status === 'delivered' && dispatched) {
        const body = {
          shipmentId: dispatched.data.shipmentId,
          reasonCode: 'NOT_NEEDED',
          lines: [{ lineNo: 1, quantity: 1, condition: 'RESALEABLE' }],
        };
        const res = await api
          .returnGoods(r.orderId!, body, `return-${r.orderId}`)
          .catch(() => undefined);
        if (res && res.status < 500)
          r.followUp = res.status === 201 ? 'returned 1' : `return refused ${res.status}`;
      }
    }
    if (open.some((r) => r.followUp)) deadline = Date.now() + stallMs;
    await new Promise((res) => setTimeout(res, 500));
  }
}

/** Waits until every submitted order has its expected status; returns those that did not. */
export async function settle(api: Api, results: MixResult[], stallMs: number) {
  let deadline = Date.now() + stallMs;
  let late: MixResult[] = results;
  do {
    const statuses = await api.statuses().catch(() => undefined);
    if (!statuses) {
      await pause(1_000);
      continue;
    }
    const before = late.length;
    late = results.filter(
      (r) => r.orderId && statuses[r.orderId]?.status !== expectedStatus[r.order.scenario],
    );
    if (!late.length) return [];
    // Gives up only once nothing has settled for `stallMs`: a big run may take long, not stall.
    if (late.length < before) deadline = Date.now() + stallMs;
    await new Promise((res) => setTimeout(res, 1_000));
  } while (Date.now() < deadline);
  return late;
}

/** Count of orders per scenario and final status: the demo's and the mixed run's summary. */
export async function summarize(api: Api, results: MixResult[]) {
  const statuses = await api.statuses();
  const rows = new Map<string, number>();
  for (const r of results) {
    const status = r.orderId ? (statuses[r.orderId]?.status ?? 'unknown') : `http ${r.httpStatus}`;
    const key = `${r.order.scenario}\t${status}`;
    rows.set(key, (rows.get(key) ?? 0) + 1);
  }
  return [...rows.entries()].map(([k, count]) => {
    const [scenario, status] = k.split('\t') as [string, string];
    return { scenario, status, count };
  });
}
