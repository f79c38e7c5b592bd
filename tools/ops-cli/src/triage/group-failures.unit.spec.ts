import { failure } from '../../test/triage-failures';
import { blastRadius, waitingStages } from './blast-radius';
import { groupFailures, rankOf } from './group-failures';
import type { OrderFacts } from './read-orders';
import { patternOf } from './signature';

const hour = 3_600_000;
const now = 100 * hour;

const order = (
  orderId: string,
  status: string,
  channel: string,
  totalMinor: number,
): OrderFacts => ({
  orderId,
  status,
  channel,
  currency: 'EUR',
  totalMinor,
});

const sku = (n: number, at: number) =>
  failure({
    message: `product 'SKU-${n}' of order ORD-${n} is not in Odoo`,
    orderId: `ORD-${n}`,
    at,
    ref: `dlq:sales.orders.dlq.odoo-adapter/0/${n}`,
  });

const timeout = (n: number, at: number) =>
  failure({
    source: 'sync-failure',
    topic: 'odoo.sync',
    eventType: 'OdooSyncFailed',
    errorClass: 'ODOO_UNAVAILABLE',
    message: `sale.order/create timed out after ${n * 10} ms`,
    odooModel: 'sale.order',
    odooMethod: 'CREATE_SALE_ORDER',
    orderId: `ORD-${100 + n}`,
    at,
    dlqTopic: null,
    ref: `odoo.sync/0/${n}`,
  });

describe('groupFailures', () => {
  const orders = new Map([
    ['ORD-1', order('ORD-1', 'ACCEPTED', 'web', 10_000)],
    ['ORD-2', order('ORD-2', 'ACCEPTED', 'web', 2_550)],
    ['ORD-3', order('ORD-3', 'RESERVED', 'amazon', 100)],
  ]);

  it('makes one group per cause with counts, times, orders, money, channels and letters', () => {
    const groups = groupFailures(
      [
        sku(1, now - 3 * hour),
        timeout(1, now - hour),
        sku(2, now - 2 * hour),
        sku(3, now - hour),
        sku(2, now - hour),
      ],
      orders,
      now,
    );

    expect(groups).toHaveLength(2);
    const skus = groups.find((g) => g.group.pattern.errorClass === 'UNKNOWN_SKU')!.group;
    expect(skus).toMatchObject({
      count: 4,
      firstSeen: now - 3 * hour,
      lastSeen: now - hour,
      orderIds: ['ORD-1', 'ORD-2', 'ORD-3'],
      moneyMinor: { EUR: 12_650 },
      channels: { web: 2, amazon: 1 },
      dlqTopics: { 'sales.orders.dlq.odoo-adapter': 4 },
      blastRadius: {
        waitingStages: [
          'sale order in Odoo',
          'delivery validation in Odoo',
          'invoice posted in Odoo',
        ],
        ordersByStatus: { ACCEPTED: 2, RESERVED: 1 },
      },
    });
    expect(skus.sample.ref).toBe('dlq:sales.orders.dlq.odoo-adapter/0/1');
    const timeouts = groups.find((g) => g.group.pattern.errorClass === 'ODOO_UNAVAILABLE')!.group;
    expect(timeouts).toMatchObject({
      count: 1,
      moneyMinor: {},
      dlqTopics: {},
      orderIds: ['ORD-101'],
    });
  });

  it('ranks by count × recency: many old failures below fewer current ones', () => {
    const old = Array.from({ length: 8 }, (_, i) => sku(i, now - 12 * hour));
    const current = Array.from({ length: 3 }, (_, i) => timeout(i, now));
    const groups = groupFailures([...old, ...current], new Map(), now);

    expect(groups.map((g) => g.group.count)).toEqual([3, 8]);
    expect(rankOf({ count: 8, lastSeen: now - 12 * hour }, now)).toBeCloseTo(0.5);
    expect(rankOf({ count: 3, lastSeen: now }, now)).toBe(3);
  });
});

describe('blastRadius', () => {
  it('names the stages behind a shipment failure and counts the orders by status', () => {
    const pattern = patternOf(
      failure({
        source: 'fulfillment-failure',
        topic: 'fulfillment.shipments',
        eventType: 'FulfillmentFailed',
        service: 'fulfillment',
      }),
    );
    const radius = blastRadius(
      pattern,
      ['A', 'B', 'C'],
      new Map([
        ['A', 'RESERVED'],
        ['B', 'RESERVED'],
      ]),
    );

    expect(radius).toEqual({
      waitingStages: ['shipping', 'invoice'],
      ordersByStatus: { RESERVED: 2 },
    });
  });

  it('tells the consumers of one topic apart', () => {
    const of = (service: string) => waitingStages(patternOf(failure({ service })));
    expect(of('invoicing')).toEqual(['invoice']);
    expect(of('odoo-adapter')).toContain('sale order in Odoo');
    expect(of('unknown-service')).toEqual([]);
  });
});
