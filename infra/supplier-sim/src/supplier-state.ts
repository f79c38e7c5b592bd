import { randomUUID } from 'node:crypto';
import {
  answerTo,
  DEFAULT_BEHAVIOUR,
  type Behaviour,
  type PurchaseOrder,
  type SupplierAnswer,
} from './behaviour';

/** One webhook delivery of an answer, as the simulator tried it. */
export interface AnswerDelivery {
  body: SupplierAnswer;
  attempts: number;
  lastStatus: number | null;
  deliveredAt: number | null;
}

export interface ReceivedOrder {
  order: PurchaseOrder;
  receivedAt: number;
  /** Posts of this purchase (the adapter repeats one it got no 2xx for). */
  posts: number;
  /** null while silent or not answered yet. */
  answer: AnswerDelivery | null;
}

/** In memory: behaviours per supplier code, the orders received and what was answered. */
export function createSupplierState() {
  const behaviours = new Map<string, Behaviour>();
  const failed = new Map<string, number>();
  const orders = new Map<string, ReceivedOrder>();
  let references = 0;

  return {
    setBehaviour(code: string, behaviour: Behaviour) {
      behaviours.set(code, behaviour);
      failed.set(code, 0);
      return behaviour;
    },
    behaviourOf: (code: string) => behaviours.get(code) ?? DEFAULT_BEHAVIOUR,
    /** True when this post is to be answered 503 (the supplier's failFirst). */
    failsNow(code: string): boolean {
      const n = failed.get(code) ?? 0;
      if (n >= (behaviours.get(code)?.failFirst ?? 0)) return false;
      failed.set(code, n + 1);
      return true;
    },
    /** Records an order; a repeat returns the first record and `repeat: true`. */
    receive(order: PurchaseOrder): { record: ReceivedOrder; repeat: boolean } {
      const known = orders.get(order.purchaseId);
      if (known) {
        known.posts += 1;
        return { record: known, repeat: true };
      }
      const record: ReceivedOrder = { order, receivedAt: Date.now(), posts: 1, answer: null };
      orders.set(order.purchaseId, record);
      return { record, repeat: false };
    },
    /** The answer the supplier's behaviour gives to an order, recorded; undefined when silent. */
    answer(record: ReceivedOrder): AnswerDelivery | undefined {
      references += 1;
      const body = answerTo(record.order, this.behaviourOf(record.order.supplierCode), {
        eventId: randomUUID(),
        supplierReference: `SO-${String(references).padStart(5, '0')}`,
      });
      if (!body) return undefined;
      record.answer = { body, attempts: 0, lastStatus: null, deliveredAt: null };
      return record.answer;
    },
    list: () => [...orders.values()],
    reset() {
      behaviours.clear();
      failed.clear();
      orders.clear();
    },
  };
}

export type SupplierState = ReturnType<typeof createSupplierState>;
