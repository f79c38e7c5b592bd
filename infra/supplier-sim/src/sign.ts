import { createHmac } from 'node:crypto';

/**
 * The X-Supplier-Signature header value: `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`,
 * where timestamp is the X-Supplier-Timestamp header (Unix seconds), so a captured request cannot
 * be replayed once the receiver's tolerance window has passed.
 */
export const signature = (secret: string, timestamp: number, rawBody: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
