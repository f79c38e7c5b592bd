import { tracedFetch } from '@o2c/observability';
import { signatureHeader } from './signature';

export interface WebhookRequest {
  url: string;
  /** The delivery id: `webhook-id`, the same on every attempt and replay. */
  id: string;
  body: string;
  secrets: string[];
  timestampSeconds: number;
}

/** What an attempt came to: a status code (any), or no answer (timeout, refused, reset). */
export type WebhookResponse =
  | { ok: boolean; statusCode: number; error: string | null }
  | { ok: false; statusCode: null; error: string };

/**
 * One signed POST (Standard Webhooks headers). Only a 2xx counts as delivered; redirects are not
 * followed (a moved endpoint must be updated, not chased). The response body is not read.
 */
export async function postWebhook(
  request: WebhookRequest,
  timeoutMs: number,
): Promise<WebhookResponse> {
  try {
    const response = await tracedFetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'o2c-webhooks/1',
        'webhook-id': request.id,
        'webhook-timestamp': String(request.timestampSeconds),
        'webhook-signature': signatureHeader(
          request.secrets,
          request.id,
          request.timestampSeconds,
          request.body,
        ),
      },
      body: request.body,
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, statusCode: null, error: describe(error, timeoutMs) };
  }
}

function describe(error: unknown, timeoutMs: number): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message}: ${cause}` : e.message;
}
