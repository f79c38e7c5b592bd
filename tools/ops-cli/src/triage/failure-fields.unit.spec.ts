import { failure } from '../../test/triage-failures';
import { failuresOfEvent, odooCallOf, withoutConsequences } from './failure-fields';

const place = { topic: 'sales.orders', partition: 1, offset: '7', eventId: 'e-1' };

describe('failuresOfEvent', () => {
  it('makes one failure per rejection reason, with the channel', () => {
    const failures = failuresOfEvent(
      'OrderRejected',
      {
        orderId: 'o-1',
        channelCode: 'marketplace',
        channelOrderRef: 'M-1',
        reasons: [
          { code: 'UNKNOWN_SKU', field: 'lines[0].sku', message: "SKU 'X' is not sold" },
          { code: 'INVALID_CURRENCY', field: null, message: 'XYZ is not a currency' },
        ],
        rejectedAt: 5_000,
      },
      place,
    );

    expect(failures).toEqual([
      expect.objectContaining({
        source: 'order-rejection',
        service: 'order-intake',
        errorClass: 'UNKNOWN_SKU',
        message: "lines[0].sku: SKU 'X' is not sold",
        channel: 'marketplace',
        orderId: 'o-1',
        at: 5_000,
        ref: 'sales.orders/1/7',
      }),
      expect.objectContaining({ errorClass: 'INVALID_CURRENCY', message: 'XYZ is not a currency' }),
    ]);
  });

  it("reads an OdooSyncFailed's model, operation and retryability", () => {
    const [f] = failuresOfEvent(
      'OdooSyncFailed',
      {
        aggregateId: 'o-1',
        orderId: 'o-1',
        operation: 'CREATE_SALE_ORDER',
        odooModel: 'sale.order',
        externalRef: null,
        errorCode: 'ODOO_UNAVAILABLE',
        message: 'connect ECONNREFUSED',
        attempts: 5,
        retryable: true,
        sourceEventId: null,
        failedAt: 9_000,
      },
      { ...place, topic: 'odoo.sync' },
    );
    expect(f).toMatchObject({
      source: 'sync-failure',
      odooModel: 'sale.order',
      odooMethod: 'CREATE_SALE_ORDER',
      errorClass: 'ODOO_UNAVAILABLE',
      retryable: true,
      at: 9_000,
    });
  });
});

describe('withoutConsequences', () => {
  it('drops the order exception a failure of the same order caused, keeps the others', () => {
    const shipment = failure({
      source: 'fulfillment-failure',
      eventType: 'FulfillmentFailed',
      orderId: 'o-1',
    });
    const consequence = failure({
      source: 'order-exception',
      eventType: 'OrderExceptionRaised',
      orderId: 'o-1',
      causeEventType: 'FulfillmentFailed',
    });
    const alone = { ...consequence, orderId: 'o-2' };
    const cancelled = { ...consequence, causeEventType: 'OrderCancelled' };

    expect(withoutConsequences([shipment, consequence, alone, cancelled])).toEqual([
      shipment,
      alone,
      cancelled,
    ]);
  });
});

describe('odooCallOf', () => {
  it.each([
    ['sale.order/action_confirm: access denied', 'sale.order', 'action_confirm'],
    ["record missing on 'stock.picking'", 'stock.picking', null],
    ['Odoo unavailable', null, null],
  ])('%s', (message, model, method) => {
    expect(odooCallOf(message)).toEqual({ model, method });
  });
});
