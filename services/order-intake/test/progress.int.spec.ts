import { randomUUID } from 'node:crypto';
import { buildOrderBody } from './build';
import { startHarness, until, type Harness } from './harness';

const shipment = (orderId: string, lastShipment: boolean) => ({
  orderId,
  shipmentId: randomUUID(),
  warehouseCode: 'WH',
  carrierCode: 'dhl',
  trackingNumber: `TRK-${randomUUID().slice(0, 6)}`,
  lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' }],
  lastShipment,
  dispatchedAt: Date.now(),
});

describe('order progress from downstream events', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.stop());

  const accept = async () => {
    const body = buildOrderBody();
    const { body: out } = await h.call('POST', '/orders', body, {
      'Idempotency-Key': randomUUID(),
    });
    return out.orderId as string;
  };
  const view = async (orderId: string) => (await h.call('GET', `/orders/${orderId}`)).body;
  const statusBecomes = (orderId: string, status: string) =>
    until(async () => ((await view(orderId)).status === status ? true : undefined), status);

  describe('when the order is picked, shipped and delivered', () => {
    it('follows fulfilling → shipped → delivered and refuses a cancel once fulfilling', async () => {
      const orderId = await accept();
      await h.publish(
        'fulfillment.shipments',
        'FulfillmentRequested',
        {
          orderId,
          shipmentId: randomUUID(),
          reservationId: randomUUID(),
          warehouseCode: 'WH',
          lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' }],
          requestedAt: Date.now(),
        },
        orderId,
      );
      await statusBecomes(orderId, 'fulfilling');
      const cancel = await h.call('POST', `/orders/${orderId}/cancel`, { reasonCode: 'OPERATOR' });
      expect(cancel.res.status).toBe(409);

      const dispatched = shipment(orderId, true);
      await h.publish('fulfillment.shipments', 'ShipmentDispatched', dispatched, orderId);
      await statusBecomes(orderId, 'shipped');
      const delivered = {
        orderId,
        shipmentId: dispatched.shipmentId,
        carrierCode: 'dhl',
        trackingNumber: dispatched.trackingNumber,
        receivedBy: null,
        proofOfDeliveryUrl: null,
        deliveredAt: Date.now(),
      };
      const eventId = randomUUID();
      await h.publish('fulfillment.shipments', 'ShipmentDelivered', delivered, orderId, eventId);
      await h.publish('fulfillment.shipments', 'ShipmentDelivered', delivered, orderId, eventId);
      await statusBecomes(orderId, 'delivered');

      const out = await view(orderId);
      expect(out.progress).toMatchObject({ shipmentsDispatched: 1, shipmentsDelivered: 1 });
      const types = (out.timeline as Array<{ eventType: string }>).map((e) => e.eventType);
      expect(types).toEqual([
        'OrderAccepted',
        'FulfillmentRequested',
        'ShipmentDispatched',
        'ShipmentDelivered',
      ]);
    });
  });

  describe('when fulfillment escalates the order', () => {
    it('shows the exception and reports it to the invariant checker', async () => {
      const orderId = await accept();
      await h.publish(
        'fulfillment.exceptions',
        'OrderExceptionRaised',
        {
          orderId,
          exceptionId: randomUUID(),
          severity: 'ERROR',
          code: 'FULFILLMENT_FAILED',
          message: 'no carrier accepted the shipment',
          causeEventType: 'FulfillmentFailed',
          raisedAt: Date.now(),
        },
        orderId,
      );
      await statusBecomes(orderId, 'exception');
      const facts = (await h.call('GET', '/admin/verify')).body as {
        orders: Record<string, { status: string }>;
      };
      expect(facts.orders[orderId]).toMatchObject({ status: 'exception' });
    });
  });
});
