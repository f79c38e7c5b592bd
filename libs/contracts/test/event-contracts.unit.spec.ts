import avro from 'avsc';
import type { EventType, OrderAccepted, StockLevelChanged } from '../src';
import {
  contractOf,
  eventCatalogue,
  eventTypes,
  isEventType,
  keyOf,
  schemaOf,
  subjectOf,
  topicCatalogue,
  topicContractOf,
  topicOf,
  UnknownEventTypeError,
} from '../src';

const buildOrderAccepted = (overrides: Partial<OrderAccepted> = {}): OrderAccepted => ({
  orderId: 'o-1',
  channelCode: 'webshop',
  channelOrderRef: 'W-1',
  customerId: 'C-1',
  warehouseCode: 'WH1',
  currency: 'EUR',
  lines: [
    {
      lineNo: 1,
      sku: 'SKU-1',
      quantity: 1.5,
      uom: 'KG',
      unitPriceMinor: 990,
      substitutionAllowed: true,
    },
  ],
  totalMinor: 1485,
  shipTo: { name: 'Ada', street: 'Main 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' },
  acceptedAt: Date.UTC(2026, 10, 26),
  requestedDeliveryAt: null,
  customerPurchaseOrderRef: 'PO-7',
  ...overrides,
});

describe('the event catalogue', () => {
  it('maps each event type to its topic, record-name subject, latest version and key field', () => {
    expect(contractOf('OrderAccepted')).toMatchObject({
      topic: 'sales.orders',
      subject: 'o2c.sales.OrderAccepted',
      version: 2,
      keyField: 'orderId',
    });
    expect(topicOf('StockLevelChanged')).toBe('inventory.stock');
    expect(subjectOf('PaymentReceived')).toBe('o2c.odoo.PaymentReceived');
  });

  it('agrees with the topic map in both directions', () => {
    for (const type of eventTypes) {
      expect(topicContractOf(topicOf(type)).eventTypes).toContain(type);
      expect(eventCatalogue[type].keyField).toBe(topicContractOf(topicOf(type)).key);
    }
    const carried = Object.values(topicCatalogue).flatMap((t) => t.eventTypes);
    expect([...carried].sort()).toEqual([...eventTypes].sort());
  });

  it('gives schemas whose record name is the event type', () => {
    for (const type of eventTypes) expect(schemaOf(type).name).toBe(type);
  });
});

describe('the generated interfaces', () => {
  it('type payloads that the Avro schema accepts and round-trips', () => {
    const type = avro.Type.forSchema(schemaOf('OrderAccepted'));
    const order = buildOrderAccepted();
    expect(type.isValid(order)).toBe(true);
    expect(type.fromBuffer(type.toBuffer(order))).toEqual(order);
  });

  it('type stock events keyed by SKU', () => {
    const level: StockLevelChanged = {
      sku: 'SKU-1',
      warehouseCode: 'WH1',
      onHand: 10,
      reserved: 4,
      availableToPromise: 6,
      uom: 'EA',
      cause: 'reservation',
      changedAt: 0,
    };
    expect(avro.Type.forSchema(schemaOf('StockLevelChanged')).isValid(level)).toBe(true);
    expect(keyOf('StockLevelChanged', level)).toBe('SKU-1');
  });
});

describe('keyOf', () => {
  it('reads the key field of the payload', () => {
    expect(keyOf('OrderAccepted', buildOrderAccepted({ orderId: 'o-42' }))).toBe('o-42');
  });
});

describe('isEventType / contractOf', () => {
  it('narrows known event types and rejects others', () => {
    expect(isEventType('OrderRejected')).toBe(true);
    expect(isEventType('OrderTeleported')).toBe(false);
    expect(isEventType('toString')).toBe(false);
  });

  it('throws UnknownEventTypeError for a type outside the catalogue', () => {
    expect(() => contractOf('OrderTeleported' as EventType)).toThrow(UnknownEventTypeError);
  });
});
