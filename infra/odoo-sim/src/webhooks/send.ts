import { request } from 'node:http';
import type { Logger } from 'pino';
import { pyJsonDumps } from './py-json';
import type { WebhookDelivery } from './collect';

export interface SentWebhook {
  url: string;
  payload: Record<string, unknown>;
  status: number | 'error';
  at: string;
}

/** The headers python-requests sends for requests.post(url, data=..., headers={'Content-Type': ...}). */
const REQUESTS_HEADERS = {
  'User-Agent': 'python-requests/2.31.0',
  'Accept-Encoding': 'gzip, deflate',
  Accept: '*/*',
  Connection: 'keep-alive',
  'Content-Type': 'application/json',
};

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...REQUESTS_HEADERS, 'Content-Length': Buffer.byteLength(body) },
        timeout: 1000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('webhook timed out after 1 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Fire-and-forget like Odoo: 1 s timeout, no retry, failures only logged. */
export async function sendWebhooks(
  deliveries: WebhookDelivery[],
  log: Logger,
  sent: SentWebhook[],
): Promise<void> {
  for (const d of deliveries) {
    const at = new Date().toISOString();
    try {
      sent.push({
        url: d.url,
        payload: d.payload,
        status: await post(d.url, pyJsonDumps(d.payload)),
        at,
      });
    } catch (err) {
      log.warn({ err, url: d.url }, 'webhook delivery failed');
      sent.push({ url: d.url, payload: d.payload, status: 'error', at });
    }
  }
}
