import { loadCatalogue } from '../src/catalogue/catalogue';
import { CatalogueError } from '../src/catalogue/catalogue-error';
import { parseTopicMap } from '../src/catalogue/topic-map';
import type { TopicMap } from '../src/catalogue/topic-map';
import { validateTopicMap } from '../src/check/validate-topic-map';

describe('schemas/topics.json', () => {
  const { topics, subjects } = loadCatalogue();
  const carried = Object.values(topics).flatMap((t) => t.eventTypes);

  it('puts every event type on exactly one topic, and every type has a schema', () => {
    expect([...carried].sort()).toEqual(subjects.map((s) => s.eventType).sort());
    expect(new Set(carried).size).toBe(carried.length);
  });

  it('names topics <domain>.<stream>, owned by known services, 3 partitions each', () => {
    for (const [name, topic] of Object.entries(topics)) {
      expect(name).toMatch(/^(channels|sales|inventory|fulfillment|billing|odoo|ops)\.[a-z-]+$/);
      expect([
        'channels',
        'order-intake',
        'inventory-sync',
        'fulfillment',
        'invoicing',
        'odoo-adapter',
        'flow-watch',
      ]).toContain(topic.owner);
      expect(topic.partitions).toBe(3);
    }
  });

  it('keys stock streams by SKU and order streams by order id', () => {
    expect(topics['inventory.stock']?.key).toBe('sku');
    expect(topics['odoo.stock']?.key).toBe('sku');
    expect(topics['sales.orders']?.key).toBe('orderId');
    expect(topics['fulfillment.shipments']?.key).toBe('orderId');
  });

  it('passes validateTopicMap', () => {
    expect(validateTopicMap(topics, subjects)).toEqual([]);
  });
});

describe('validateTopicMap', () => {
  const { topics, subjects } = loadCatalogue();
  const broken: TopicMap = {
    ...topics,
    'sales.orders': {
      ...topics['sales.orders']!,
      owner: 'billing-bot',
      eventTypes: ['OrderAccepted', 'OrderTeleported'],
    },
    'sales.duplicates': {
      ...topics['sales.orders']!,
      eventTypes: ['OrderAccepted'],
      consumers: ['someone'],
    },
    'inventory.stock': { ...topics['inventory.stock']!, key: 'orderId' },
  };

  it('reports each broken rule precisely', () => {
    const problems = validateTopicMap(broken, subjects);
    expect(problems).toEqual(
      expect.arrayContaining([
        "topic sales.orders: unknown owner 'billing-bot'",
        'topic sales.orders: event type OrderTeleported has no schema under avro/',
        "topic sales.duplicates: unknown consumer 'someone' (a service or external:<name>)",
        'event type OrderAccepted is on several topics: sales.orders, sales.duplicates',
        'event type OrderRejected (o2c.sales.OrderRejected) is on no topic',
        "topic inventory.stock: key 'orderId' must be a required string field of StockLevelChanged",
      ]),
    );
  });

  it('rejects a topic map of the wrong shape when parsing', () => {
    expect(() => parseTopicMap({ 'Sales Orders': { owner: 'x' } })).toThrow(CatalogueError);
  });
});
