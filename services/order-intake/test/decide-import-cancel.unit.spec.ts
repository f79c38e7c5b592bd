import { decideImport, type ImportRequest, type LiveOrder } from '../src/domain/order';
import { buildImportCandidate, buildMasterData, buildState } from './build';
import { NOW } from './given';

const decide = (candidate: ImportRequest, live?: LiveOrder) =>
  decideImport(candidate, live, buildMasterData(), { now: NOW, newOrderId: () => 'ord-new' });

describe('decideImport of a sale order cancelled in Odoo', () => {
  const sale = buildImportCandidate({ customerId: 'CUST-404' });
  const cancelled: ImportRequest = { ...sale, cancelledInOdoo: true };
  const last = { ...sale, orderId: 'ord-1', importedAt: NOW - 1000 };
  const imported: LiveOrder = { ...buildState({ status: 'imported' }), lastImported: last };
  const orderCancelled = (cancelledAt: number) => ({
    type: 'OrderCancelled',
    data: {
      orderId: 'ord-1',
      reasonCode: 'CHANNEL_CANCELLED',
      reasonText: `cancelled in Odoo (${sale.odooSaleOrderName})`,
      cancelledBy: 'system',
      cancelledAt,
    },
  });

  it('cancels the imported order, master data not checked', () => {
    expect(decide(cancelled, imported)).toEqual({
      outcome: 'cancelled',
      orderId: 'ord-1',
      events: [orderCancelled(NOW)],
    });
  });

  it('refreshes first when Odoo delivered more before the cancel', () => {
    const lines = sale.lines.map((l) => ({ ...l, deliveredQuantity: l.quantity }));
    expect(decide({ ...cancelled, lines, deliveries: 2 }, imported)).toEqual({
      outcome: 'cancelled',
      orderId: 'ord-1',
      events: [
        { type: 'OrderImported', data: { ...last, lines, deliveries: 2, importedAt: NOW } },
        orderCancelled(NOW),
      ],
    });
  });

  it('is unmappable when it contradicts what was imported (another sale order, a decrease)', () => {
    expect(decide({ ...cancelled, odooSaleOrderId: 1 }, imported)).toMatchObject({
      outcome: 'unmappable',
      reasons: [{ code: 'IMPORT_CONFLICT' }],
    });
    const lines = [{ ...sale.lines[0]!, deliveredQuantity: 0 }, sale.lines[1]!];
    expect(decide({ ...cancelled, lines }, imported)).toMatchObject({
      outcome: 'unmappable',
      reasons: [{ code: 'IMPORT_CONFLICT', lineNo: 1 }],
    });
    expect(decide(cancelled, buildState({ status: 'imported' }))).toMatchObject({
      outcome: 'unmappable',
      reasons: [{ code: 'IMPORT_CONFLICT' }],
    });
  });

  it('is a duplicate of an order already cancelled, or of a platform order', () => {
    for (const status of ['cancelled', 'accepted', 'shipped'] as const) {
      expect(decide(cancelled, buildState({ status }))).toEqual({
        outcome: 'duplicate',
        orderId: 'ord-1',
      });
    }
  });

  it('skips a sale order nobody imported, refresh-only or not', () => {
    expect(decide(cancelled)).toEqual({ outcome: 'skipped' });
    expect(decide({ ...cancelled, refreshOnly: true })).toEqual({ outcome: 'skipped' });
  });

  it('leaves the rest of the decision alone without it', () => {
    expect(decide({ ...sale, cancelledInOdoo: false }, imported)).toEqual({
      outcome: 'duplicate',
      orderId: 'ord-1',
    });
  });
});
