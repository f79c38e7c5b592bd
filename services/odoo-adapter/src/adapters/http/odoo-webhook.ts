import { equalsAny, HttpProblem, publicRoute } from '@o2c/http';
import type { Router } from 'express';

/** Odoo's "Send Webhook Notification" body: `_model`, `_id`, `_action`, then the chosen fields. */
interface OdooNotification {
  _model?: unknown;
  _id?: unknown;
}

/**
 * POST /webhooks/odoo/<token>. Odoo signs nothing and sends no event id, so the secret lives in
 * the URL and the body is only a hint: the record is re-read from Odoo before anything is emitted.
 * Answers 202 once the re-read change is committed to the outbox, 404 for a wrong token (nothing
 * to learn for a prober), 422 for a model the adapter does not follow. Every token of `tokens`
 * is accepted (rotation: add the new one, move Odoo to it, drop the old one).
 */
export function odooWebhookRoute(
  tokens: readonly string[],
  models: readonly string[],
  onChange: (model: string, id: number) => Promise<number>,
) {
  return (api: Router) => {
    api.post(
      '/webhooks/odoo/:token',
      publicRoute('the secret token in its path'),
      async (req, res) => {
        if (!equalsAny(String(req.params.token), tokens)) {
          throw new HttpProblem(404, 'urn:o2c:problem:not-found', 'Not Found');
        }
        const body = (req.body ?? {}) as OdooNotification;
        const model = typeof body._model === 'string' ? body._model : '';
        const id = typeof body._id === 'number' ? body._id : NaN;
        if (!models.includes(model) || !Number.isInteger(id)) {
          throw new HttpProblem(
            422,
            'urn:o2c:problem:unsupported-notification',
            'Unsupported notification',
            `expected _model in [${models.join(', ')}] and an integer _id`,
          );
        }
        const emitted = await onChange(model, id);
        res.status(202).json({ model, id, emitted });
      },
    );
  };
}
