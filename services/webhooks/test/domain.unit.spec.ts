import { Webhook } from 'standardwebhooks';
import { newSecret, signatureHeader } from '../src/adapters/endpoint/signature';
import { nextAttemptDelay, wants, webhookBody } from '../src/domain';

describe('webhook domain', () => {
  it('signs as the official Standard Webhooks verifier expects, with either secret during a rotation', () => {
    const [current, previous] = [newSecret(), newSecret()];
    const body = webhookBody({
      eventId: 'e-1',
      eventType: 'OrderAccepted',
      occurredAt: Date.now(),
      orderId: 'ord-1',
      data: { totalMinor: 123n },
    });
    const ts = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg-1',
      'webhook-timestamp': String(ts),
      'webhook-signature': signatureHeader([current, previous], 'msg-1', ts, body),
    };
    for (const secret of [current, previous])
      expect(new Webhook(secret).verify(body, headers)).toMatchObject({
        type: 'o2c.OrderAccepted',
        orderId: 'ord-1',
        data: { totalMinor: '123' },
      });
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow();
  });

  it('matches event types, then the channel and customer filters against the order', () => {
    const order = { channel: 'webshop', customerId: 'C1' };
    const s = (filter = {}) => ({ eventTypes: ['OrderAccepted'], filter });
    expect(wants(s(), 'OrderAccepted', undefined)).toBe(true);
    expect(wants(s(), 'StockReserved', order)).toBe(false);
    expect(wants(s({ channel: 'webshop' }), 'OrderAccepted', order)).toBe(true);
    expect(wants(s({ channel: 'edi' }), 'OrderAccepted', order)).toBe(false);
    expect(wants(s({ channel: 'webshop', customerId: 'C2' }), 'OrderAccepted', order)).toBe(false);
    expect(wants(s({ customerId: 'C1' }), 'OrderAccepted', undefined)).toBe(false);
  });

  it('retries on the schedule with jitter within ±20 %, then gives up', () => {
    const schedule = [1000, 5000];
    expect(nextAttemptDelay(schedule, 1, () => 0.5)).toBe(1000);
    expect(nextAttemptDelay(schedule, 2, () => 0)).toBe(4000);
    expect(nextAttemptDelay(schedule, 2, () => 1)).toBe(6000);
    expect(nextAttemptDelay(schedule, 3, () => 0.5)).toBeUndefined();
  });
});
