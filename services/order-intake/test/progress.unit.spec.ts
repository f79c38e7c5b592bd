import { followProgress, initialProgress, type OrderStatus } from '../src/domain/order';

const fold = (status: OrderStatus, events: Array<[string, Record<string, unknown>?]>) =>
  events.reduce((state, [type, data]) => followProgress(state, { type, data: data ?? {} }), {
    status,
    progress: initialProgress,
  });

describe('followProgress', () => {
  describe('when fulfillment runs to the end', () => {
    it('goes fulfilling → shipped → delivered and sums invoices and payments', () => {
      const steps: Array<[string, Record<string, unknown>?]> = [
        ['StockReserved'],
        ['FulfillmentRequested'],
        ['ShipmentDispatched', { lastShipment: true }],
        ['InvoiceIssued', { totalMinor: 1190 }],
        ['ShipmentDelivered'],
        ['PaymentReceived', { amountMinor: 1190 }],
      ];
      expect(fold('accepted', steps.slice(0, 1)).status).toBe('accepted');
      expect(fold('accepted', steps.slice(0, 2)).status).toBe('fulfilling');
      expect(fold('accepted', steps.slice(0, 3)).status).toBe('shipped');
      const end = fold('accepted', steps);
      expect(end.status).toBe('delivered');
      expect(end.progress).toMatchObject({ invoicedMinor: 1190, paidMinor: 1190 });
    });
  });

  describe('when the order ships in two shipments', () => {
    it('is delivered only once the last shipment is dispatched and both are delivered', () => {
      const first = fold('accepted', [
        ['ShipmentDispatched', { lastShipment: false }],
        ['ShipmentDelivered'],
      ]);
      expect(first.status).toBe('fulfilling');
      const second = fold('accepted', [
        ['ShipmentDispatched', { lastShipment: false }],
        ['ShipmentDelivered'],
        ['ShipmentDispatched', { lastShipment: true }],
      ]);
      expect(second.status).toBe('shipped');
      expect(
        followProgress(second, { type: 'ShipmentDelivered', data: {} }).progress,
      ).toMatchObject({ shipmentsDispatched: 2, shipmentsDelivered: 2, allDispatched: true });
    });
  });

  describe('when fulfillment warns that a delivery is overdue', () => {
    it('counts the exception but keeps following the shipment', () => {
      const s = fold('accepted', [
        ['ShipmentDispatched', { lastShipment: true }],
        ['OrderExceptionRaised', { severity: 'WARNING' }],
        ['ShipmentDelivered'],
      ]);
      expect(s.status).toBe('delivered');
      expect(s.progress.exceptions).toBe(1);
    });
  });

  describe('when fulfillment escalates', () => {
    it('stays in exception whatever follows', () => {
      const s = fold('accepted', [
        ['FulfillmentRequested'],
        ['OrderExceptionRaised', { severity: 'ERROR' }],
        ['ReservationReleased'],
      ]);
      expect(s.status).toBe('exception');
      expect(s.progress.exceptions).toBe(1);
    });
  });

  describe('when the order was cancelled or rejected', () => {
    it('keeps the decision and only records the news', () => {
      const s = fold('cancelled', [
        ['ReservationReleased'],
        ['CreditNoteIssued', { totalMinor: 5 }],
      ]);
      expect(s.status).toBe('cancelled');
      expect(s.progress.creditedMinor).toBe(5);
      expect(fold('rejected', [['OrderExceptionRaised']]).status).toBe('rejected');
    });
  });

  describe('when the order was imported from Odoo', () => {
    it('stays imported through shipments, invoices and escalations, summing the news', () => {
      const s = fold('imported', [
        ['FulfillmentRequested'],
        ['ShipmentDispatched', { lastShipment: true }],
        ['ShipmentDelivered'],
        ['InvoiceIssued', { totalMinor: 700 }],
        ['OrderExceptionRaised', { severity: 'ERROR' }],
      ]);
      expect(s.status).toBe('imported');
      expect(s.progress).toMatchObject({
        shipmentsDelivered: 1,
        invoicedMinor: 700,
        exceptions: 1,
      });
    });
  });
});
