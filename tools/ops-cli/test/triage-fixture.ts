import { DeadLetterHeaders as H } from '@o2c/inbox';
import type { Message } from 'kafkajs';
import { buildEvent } from './kafka-fixture';

/** A triage group as `o2c-ops triage --json` prints it (the fields the tests read). */
export interface Group {
  signature: string;
  count: number;
  pattern: { source: string; errorClass: string };
  orderIds: string[];
  moneyMinor: Record<string, number>;
  dlqTopics: Record<string, number>;
  blastRadius: { waitingStages: string[]; ordersByStatus: Record<string, number> };
  proposal: {
    kind: string;
    why: string;
    command: string;
    dryRun: string;
    history: { auditId: string; kind: string; resolved: boolean }[];
  };
}

/** Dead letters as libs/inbox writes them for orders of `source` in `<prefix>odoo-adapter`. */
export function deadLetters(prefix: string, source: string) {
  let offset = 0;
  const letter = (orderId: string, errorClass: string, message: string, code?: string): Message => {
    const original = buildEvent({ key: orderId, type: 'OrderAccepted' });
    return {
      ...original,
      headers: {
        ...original.headers,
        [H.reason]: code ? 'permanent' : 'exhausted',
        [H.errorClass]: errorClass,
        [H.errorMessage]: message,
        ...(code ? { [H.errorCode]: code } : {}),
        [H.attempts]: code ? '1' : '5',
        [H.originTopic]: source,
        [H.originPartition]: '0',
        [H.originOffset]: String(offset++),
        [H.failedAt]: new Date().toISOString(),
        [H.consumerGroup]: `${prefix}odoo-adapter`,
      },
    };
  };
  return {
    odooDown: (orderId: string) =>
      letter(orderId, 'OdooError', `sale.order/create: Odoo unavailable (503) for ${orderId}`),
    unknownSku: (orderId: string, sku: string) =>
      letter(
        orderId,
        'DomainError',
        `product '${sku}' of order ${orderId} is not in Odoo`,
        'UNKNOWN_SKU',
      ),
  };
}
