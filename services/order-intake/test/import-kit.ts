import { randomUUID } from 'node:crypto';
import { DEVELOPMENT_API_KEY, hashApiKey, SCOPES } from '@o2c/http';
import { eventIdOf } from '@o2c/kafka';
import { until, type Harness, type Seen } from './harness';

export const NO_OPS_KEY = 'key-without-ops-write';

/** The developer key with every scope, and one holding every scope but ops:write. */
export const IMPORT_API_KEYS = [
  `developer:${hashApiKey(DEVELOPMENT_API_KEY)}:${SCOPES.join(',')}`,
  `no-ops:${hashApiKey(NO_OPS_KEY)}:${SCOPES.filter((s) => s !== 'ops:write').join(',')}`,
].join(';');

export interface ImportResult {
  channelOrderRef: string;
  odooSaleOrderId: number;
  outcome: string;
  orderId: string | null;
  reasons: Array<{ code: string; message: string; lineNo?: number }>;
}

/** POST /admin/imports/orders and what it wrote, for a harness and its sales.orders reader. */
export function importKit(harness: () => Harness, seen: () => Seen[]) {
  const post = (orders: unknown, headers: Record<string, string> = {}) =>
    harness().call('POST', '/admin/imports/orders', { orders }, headers);
  const importedOf = (ref: string) =>
    seen().filter(
      (m) =>
        m.type === 'OrderImported' &&
        (m.value as { channelOrderRef?: string }).channelOrderRef === ref,
    );
  const outboxRows = (orderId: string) =>
    harness()
      .db('outbox')
      .where({ key: orderId })
      .select<Array<{ topic: string; event_type: string }>>();
  /**
   * Once the reader has every outbox row's event, a message keyed by the order lands behind all of
   * the order's events on the same partition: when the reader has it, it has every one of them.
   */
  const fence = async (orderId: string) => {
    const h = harness();
    await until(async () => {
      const ids = await h.db('outbox').pluck<string[]>('event_id');
      const read = new Set(seen().map((m) => eventIdOf(m.headers)));
      return ids.every((id) => read.has(id)) ? true : undefined;
    }, 'every outbox row read back');
    const fenceData = {
      orderId,
      reasonCode: 'TEST_FENCE',
      reasonText: randomUUID(),
      cancelledBy: 'test',
      cancelledAt: Date.now(),
    };
    await h.publish('sales.orders', 'OrderCancelled', fenceData, orderId);
    await until(
      () =>
        seen().find(
          (m) => (m.value as { reasonText?: string }).reasonText === fenceData.reasonText,
        ),
      'fence read',
    );
  };
  return { post, importedOf, outboxRows, fence };
}
