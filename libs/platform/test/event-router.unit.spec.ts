import type { ProductChanged } from '@o2c/contracts';
import { PermanentError, type HandlerContext, type InboxEvent } from '@o2c/inbox';
import { createLogger } from '@o2c/observability';
import type { Knex } from 'knex';
import { createEventRouter, type RouteContext } from '../src';

const logger = createLogger({ service: 'router-test', level: 'silent' });

const message = (eventType: string, value: unknown, traceparent?: string) => {
  const metadata = {
    eventId: `id-${eventType}`,
    eventType,
    schemaVersion: 1,
    occurredAt: 0,
    correlationId: 'order-1',
    producer: 'test',
    ...(traceparent ? { traceparent } : {}),
  };
  const event = { ok: true, topic: 'p.odoo.master-data', metadata, value } as InboxEvent;
  // The router only passes the transaction through to its routes.
  const ctx: HandlerContext = { trx: {} as Knex.Transaction, metadata, attempt: 1, logger };
  return [event, ctx] as const;
};

const product = { sku: 'SKU-1' } as ProductChanged;

describe('createEventRouter', () => {
  it('hands each route its payload and the cause (event id and trace) of what it writes', async () => {
    const seen: Array<[string, RouteContext['cause']]> = [];
    const router = createEventRouter().on('ProductChanged', (p, { cause }) => {
      seen.push([p.sku, cause]);
      return Promise.resolve();
    });
    await router.handler(...message('ProductChanged', product, '00-trace-span-01'));
    expect(seen).toEqual([
      ['SKU-1', { causationId: 'id-ProductChanged', traceparent: '00-trace-span-01' }],
    ]);
    expect(router.types()).toEqual(['ProductChanged']);
  });

  it('acknowledges event types without a route by default', async () => {
    const router = createEventRouter().on('ProductChanged', () => Promise.resolve());
    await expect(router.handler(...message('CustomerChanged', {}))).resolves.toBeUndefined();
  });

  it('dead-letters them, naming topic and types, when the topic must carry only the routed types', async () => {
    const router = createEventRouter({ otherTypes: 'dead-letter' }).on('ProductChanged', () =>
      Promise.resolve(),
    );
    const refused = router.handler(...message('CustomerChanged', {}));
    await expect(refused).rejects.toBeInstanceOf(PermanentError);
    await expect(refused).rejects.toMatchObject({
      code: 'UNEXPECTED_EVENT_TYPE',
      message: 'p.odoo.master-data carries ProductChanged, not CustomerChanged',
    });
  });

  it('maps a route error with mapError, and uses routes added after the handler was taken', async () => {
    const router = createEventRouter({
      mapError: (e) => new PermanentError('MAPPED', (e as Error).message),
    });
    const { handler } = router;
    router.on('ProductChanged', () => Promise.reject(new Error('bad unit')));
    await expect(handler(...message('ProductChanged', product))).rejects.toMatchObject({
      code: 'MAPPED',
      message: 'bad unit',
    });
  });
});
