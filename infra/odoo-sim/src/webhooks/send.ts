import type { Logger } from 'pino';
import { pyJsonDumps } from './py-json';
import type { WebhookDelivery } from './collect';

export interface SentWebhook {
  url: string;
  payload: Record<string, unknown>;
  status: number | 'error';
  at: string;
}

/** requests.post(url, data=json, headers={'Content-Type': 'application/json'}, timeout=1): no retry. */
export async function sendWebhooks(
  deliveries: WebhookDelivery[],
  log: Logger,
  sent: SentWebhook[],
): Promise<void> {
  for (const d of deliveries) {
    const at = new Date().toISOString();
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: pyJsonDumps(d.payload),
        signal: AbortSignal.timeout(1000),
      });
      await res.arrayBuffer().catch(() => undefined);
      sent.push({ url: d.url, payload: d.payload, status: res.status, at });
    } catch (err) {
      log.warn({ err, url: d.url }, 'webhook delivery failed');
      sent.push({ url: d.url, payload: d.payload, status: 'error', at });
    }
  }
}
