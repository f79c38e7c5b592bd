import { mergeTimeline, traceLink } from './timeline-shape';

describe('mergeTimeline', () => {
  it('puts every service’s facts about the order in time order, labelled by source', () => {
    const entries = mergeTimeline({
      events: [
        { eventType: 'ShipmentDispatched', occurredAt: 4000 },
        { eventType: 'OrderAccepted', occurredAt: 1000 },
      ],
      shipments: [{ shipmentId: 'S1', state: 'BOOKED', note: 'carrier dhl', at: 3000 }],
      milestones: [
        { trackingNumber: 'T1', carrierCode: 'dhl', milestone: 'DELIVERED', occurredAt: 5000 },
      ],
      odoo: [
        {
          eventType: 'OrderAccepted',
          odooModel: 'sale.order',
          odooId: 7,
          action: 'create',
          syncedAt: 2000,
        },
      ],
    });
    expect(entries).toEqual([
      {
        at: new Date(1000).toISOString(),
        source: 'order-intake',
        what: 'OrderAccepted',
        detail: '',
      },
      {
        at: new Date(2000).toISOString(),
        source: 'odoo',
        what: 'sale.order #7 create',
        detail: 'after OrderAccepted',
      },
      {
        at: new Date(3000).toISOString(),
        source: 'fulfillment',
        what: 'shipment BOOKED',
        detail: 'S1: carrier dhl',
      },
      {
        at: new Date(4000).toISOString(),
        source: 'order-intake',
        what: 'ShipmentDispatched',
        detail: '',
      },
      { at: new Date(5000).toISOString(), source: 'carrier', what: 'DELIVERED', detail: 'dhl T1' },
    ]);
  });
});

describe('traceLink', () => {
  it('searches Zipkin for the spans tagged with the order id', () => {
    expect(traceLink('http://127.0.0.1:9411', 'ord-1')).toBe(
      'http://127.0.0.1:9411/zipkin/?annotationQuery=o2c.correlation_id%3Dord-1',
    );
  });
});
