import { randomUUID } from 'node:crypto';
import type { OrderAccepted } from '@o2c/contracts';
import { buildQuant } from './events';
import { until, type Harness, type Seen } from './harness';

type Line = { lineNo: number; sku: string; quantity: number; substituted?: boolean };

/** What the reservation specs share, over one harness and its collected reservation events. */
export function reservationHelpers(h: Harness, reservations: Seen[]) {
  const of = (orderId: string, type: string) =>
    reservations.filter((s) => s.type === type && s.value.orderId === orderId);
  const nth = (orderId: string, type: string, n: number) =>
    until(() => of(orderId, type)[n - 1], `${type} #${n} of ${orderId}`);
  return {
    /** Each test its own warehouse: positions never leak between tests. */
    warehouse: () => `W-${randomUUID().slice(0, 8)}`,
    of,
    nth,
    async stocked(sku: string, wh: string, onHand: number, uom = 'EA') {
      await h.send('StockQuantChanged', buildQuant(sku, wh, onHand, { uom }));
      await until(
        async () => ((await h.position(sku, wh))?.onHand === onHand ? true : undefined),
        `${sku}@${wh} = ${onHand}`,
      );
    },
    async accept(order: OrderAccepted) {
      await h.send('OrderAccepted', order);
      return nth(order.orderId, 'StockReserved', 1);
    },
    linesOf: (s: Seen) =>
      (s.value.lines as Line[]).map((l) => [l.lineNo, l.sku, l.quantity, l.substituted]),
  };
}
