import { randomUUID } from 'node:crypto';
import type { OrderImported, PaymentReceived } from '@o2c/contracts';
import { createLegacyWriter } from '@o2c/testing';
import { buildInvoice, buildOrderAccepted, buildOrderImported, buildShipment } from './events';
import { postedMove, startHarness, type Harness } from './harness';
import { orderOf, until } from './shadow-support';

interface PaidInvoice {
  moveId: number;
  name: string;
  total: number;
}

describe('PaymentReceived for the invoices of orders bootstrap imported (Odoo 17 simulator)', () => {
  let h: Harness;
  let payments: Array<{ value: unknown }>;
  const channel = `imp-pay-${randomUUID().slice(0, 6)}`;

  const paymentsOf = (orderId: string) =>
    payments.map((p) => p.value as PaymentReceived).filter((p) => p.orderId === orderId);
  const invoiceOf = async (moveId: number): Promise<PaidInvoice> => {
    const [move] = await h.odoo.read('account.move', [moveId], ['name', 'amount_total', 'state']);
    expect(move?.state).toBe('posted');
    return { moveId, name: String(move?.name), total: Number(move?.amount_total) };
  };

  /**
   * A sale order an older integration wrote (keyed by `matchField`), delivered and invoiced in
   * full there, then imported by bootstrap with that invoice.
   */
  const importedAndInvoiced = async (matchField: 'client_order_ref' | 'origin') => {
    const legacy = createLegacyWriter(h.odoo, { matchField });
    const written = orderOf(channel);
    const saleOrderId = (await legacy.writeOrder(written))!;
    await legacy.validateDelivery(written.channelOrderRef);
    const invoice = await invoiceOf(await legacy.invoice(written.channelOrderRef));
    const [so] = await h.odoo.read('sale.order', [saleOrderId], ['name', 'client_order_ref']);
    const order = buildOrderImported(
      { id: saleOrderId, name: String(so?.name) },
      {
        channelCode: channel,
        odooClientOrderRef: typeof so?.client_order_ref === 'string' ? so.client_order_ref : null,
        invoices: [
          {
            odooInvoiceId: invoice.moveId,
            name: invoice.name,
            totalMinor: Math.round(invoice.total * 100),
          },
        ],
      },
      { delivered: [3, 1], invoiced: [3, 1] },
    );
    return {
      order,
      invoice,
      legacyRef: written.channelOrderRef,
      clientOrderRef: so?.client_order_ref,
    };
  };

  /** An order of ours, run through the adapter up to its posted invoice (as inbound.int.spec). */
  const platformInvoiced = async () => {
    const order = buildOrderAccepted();
    const invoice = buildInvoice(order.orderId, []);
    await h.publish('OrderAccepted', order, order.orderId);
    await h.publish(
      'ShipmentDispatched',
      buildShipment(
        order.orderId,
        order.lines.map((l) => ({
          lineNo: l.lineNo,
          sku: l.sku,
          quantity: l.quantity,
          uom: l.uom,
        })),
        true,
      ),
      order.orderId,
    );
    await h.publish('InvoiceIssued', invoice, order.orderId);
    const move = await postedMove(h, invoice.invoiceId, ['amount_total']);
    return { order, invoice, moveId: move.id, total: Number(move.amount_total) };
  };

  beforeAll(async () => {
    h = await startHarness('17');
    payments = await h.collect('odoo.payments');
  });
  afterAll(() => h?.stop());

  it('pays an imported order under its platform order id and its invoice name, whatever client_order_ref holds', async () => {
    const keyed = await importedAndInvoiced('client_order_ref');
    const unkeyed = await importedAndInvoiced('origin');
    // The old integration's key on one, nothing on the other: neither is a platform order id.
    expect(keyed.clientOrderRef).toBe(keyed.legacyRef);
    expect(unkeyed.clientOrderRef).toBe(false);
    const imported: OrderImported[] = [keyed.order, unkeyed.order];
    for (const o of imported) await h.publish('OrderImported', o, o.orderId);
    await until(async () => {
      const ids = imported.map((o) => o.orderId);
      const rows = await h.db('imported_orders').whereIn('order_id', ids).count({ n: '*' });
      return Number((rows as [{ n: unknown }])[0].n) === ids.length ? true : undefined;
    }, 'the imported orders linked');
    const ours = await platformInvoiced();

    // Paid together, so one poll may well read them in one batch.
    for (const paid of [keyed.invoice, unkeyed.invoice, ours])
      await h.control('POST', 'payments', { invoiceId: paid.moveId, amount: paid.total });
    await until(
      () =>
        Promise.resolve(
          [keyed.order.orderId, unkeyed.order.orderId, ours.order.orderId].every(
            (id) => paymentsOf(id).length > 0,
          ) || undefined,
        ),
      'PaymentReceived for all three',
    );
    // A sale order the old integration wrote and nobody imported is paid too: not the platform's.
    const legacy = createLegacyWriter(h.odoo);
    const stranger = orderOf(channel);
    await legacy.writeOrder(stranger);
    await legacy.validateDelivery(stranger.channelOrderRef);
    const strangerInvoice = await invoiceOf(await legacy.invoice(stranger.channelOrderRef));
    await h.control('POST', 'payments', {
      invoiceId: strangerInvoice.moveId,
      amount: strangerInvoice.total,
    });
    // Then one of ours, paid last: once its payment is out, the feed has read past all the others.
    const marker = await platformInvoiced();
    await h.control('POST', 'payments', { invoiceId: marker.moveId, amount: marker.total });
    await until(
      () => Promise.resolve(paymentsOf(marker.order.orderId).length > 0 || undefined),
      'the last payment emitted',
    );
    expect(paymentsOf(stranger.channelOrderRef)).toEqual([]);
    expect(
      payments.filter((p) => (p.value as PaymentReceived).invoiceId === strangerInvoice.name),
    ).toEqual([]);

    for (const { order, invoice } of [keyed, unkeyed]) {
      expect(paymentsOf(order.orderId)).toEqual([
        expect.objectContaining({
          orderId: order.orderId,
          invoiceId: invoice.name,
          amountMinor: Math.round(invoice.total * 100),
          currency: 'EUR',
          fullyPaid: true,
        }),
      ]);
    }
    // Nothing under the old integration's key, and each imported invoice paid exactly once.
    expect(paymentsOf(keyed.legacyRef)).toEqual([]);
    const names = [keyed.invoice.name, unkeyed.invoice.name];
    expect(
      payments
        .map((p) => p.value as PaymentReceived)
        .filter((p) => names.includes(p.invoiceId) || p.invoiceId === keyed.legacyRef)
        .map((p) => p.orderId)
        .sort(),
    ).toEqual([keyed.order.orderId, unkeyed.order.orderId].sort());
    // An order of ours is paid as before: its client_order_ref and our invoice id (the move's ref).
    expect(paymentsOf(ours.order.orderId)).toEqual([
      expect.objectContaining({
        invoiceId: ours.invoice.invoiceId,
        amountMinor: Math.round(ours.total * 100),
        fullyPaid: true,
      }),
    ]);
  });
});
