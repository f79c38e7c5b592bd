// Webhook receiver: verify each request with the official Standard Webhooks library, answer at
// once, and handle each webhook-id once. Express for HTTP, standardwebhooks for the signature.
import express from 'express';
import { Webhook } from 'standardwebhooks';

export interface WebhookEvent {
  type: string;
  timestamp: string;
  eventId: string;
  orderId: string;
  data: unknown;
}

/**
 * An app that accepts the platform's webhooks at POST /o2c-webhooks. `secret` is the whsec_…
 * value the subscription returned. The raw body is needed: the signature covers the exact bytes.
 */
export function webhookReceiver(secret: string, handle: (event: WebhookEvent) => void) {
  const verifier = new Webhook(secret);
  const seen = new Set<string>(); // use a table with a unique key in a real receiver
  const app = express();
  app.post('/o2c-webhooks', express.text({ type: 'application/json' }), (req, res) => {
    let event: WebhookEvent;
    try {
      // Checks webhook-signature against webhook-id, webhook-timestamp and the body, and that
      // the timestamp is within 5 minutes: a replayed or forged request fails here.
      event = verifier.verify(req.body as string, {
        'webhook-id': req.header('webhook-id') ?? '',
        'webhook-timestamp': req.header('webhook-timestamp') ?? '',
        'webhook-signature': req.header('webhook-signature') ?? '',
      }) as WebhookEvent;
    } catch {
      res.status(401).end();
      return;
    }
    // Delivery is at least once: the same webhook-id again is acknowledged, not handled again.
    const id = req.header('webhook-id')!;
    if (!seen.has(id)) {
      seen.add(id);
      handle(event);
    }
    res.status(204).end(); // answer fast; a slow answer is a failed attempt, retried later
  });
  return app;
}
