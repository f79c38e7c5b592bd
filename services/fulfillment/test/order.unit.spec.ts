import {
  DomainError,
  decideReturn,
  nothingLeftToShip,
  orderState,
  releasedByLine,
  shippedByLine,
} from '../src/domain';
import { booked, buildView, ctx, NOW } from './build';

const line = (lineNo: number, quantity: number) => ({ lineNo, quantity });

describe('order progress', () => {
  it('given everything shipped in two shipments, then nothing is left and, once delivered, COMPLETED', () => {
    const view = buildView({
      shipments: [
        { reservationId: 'r1', state: 'DELIVERED', lines: [line(1, 2), line(2, 3)] },
        { reservationId: 'r2', state: 'DISPATCHED', lines: [line(2, 2)] },
      ],
    });
    expect(shippedByLine(view)).toEqual({ '1': 2, '2': 5 });
    expect(nothingLeftToShip(view)).toBe(true);
    expect(orderState(view)).toBe('IN_PROGRESS');
    view.shipments[1]!.state = 'DELIVERED';
    expect(orderState(view)).toBe('COMPLETED');
  });

  it('given part backordered and the shipped part delivered, then WAITING_STOCK and not the last shipment', () => {
    const view = buildView({
      shipments: [{ reservationId: 'r1', state: 'DELIVERED', lines: [line(1, 2), line(2, 3)] }],
      openBackorders: { '2': 2 },
    });
    expect(nothingLeftToShip(view)).toBe(false);
    expect(orderState(view)).toBe('WAITING_STOCK');
  });

  it('given a released remainder, then what is released counts as done', () => {
    const view = buildView({
      shipments: [{ reservationId: 'r1', state: 'DISPATCHED', lines: [line(1, 2), line(2, 3)] }],
      releases: [{ reservationId: 'r2', lines: [line(2, 2)] }],
    });
    expect(nothingLeftToShip(view)).toBe(true);
  });

  it('given a failed shipment and its release, then its quantity counts once as released', () => {
    const view = buildView({
      shipments: [{ reservationId: 'r1', state: 'FAILED', lines: [line(1, 2)] }],
      releases: [{ reservationId: 'r1', lines: [line(1, 2)] }],
    });
    expect(releasedByLine(view)).toEqual({ '1': 2 });
    expect(orderState(view)).toBe('ESCALATED');
  });

  it('given a cancelled order, then CANCELLED whatever its shipments', () => {
    expect(orderState(buildView({ cancelled: true }))).toBe('CANCELLED');
  });
});

describe('decideReturn', () => {
  const delivered = booked({
    state: 'DELIVERED',
    lines: [
      { lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA' },
      { lineNo: 1, sku: 'FURN-001-B', quantity: 2, uom: 'EA' },
      { lineNo: 2, sku: 'NAIL', quantity: 2, uom: 'DZ' },
    ],
  });
  const command = (
    lines: Array<{ lineNo: number; quantity: number }>,
    condition = 'RESALEABLE' as const,
  ) => ({
    shipmentId: 'shp-1',
    reasonCode: 'NOT_NEEDED',
    lines: lines.map((l) => ({ ...l, condition })),
  });
  const codeOf = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      return (e as DomainError).code;
    }
    return undefined;
  };

  it('given a delivered shipment, when goods come back, then ReturnReceived across the SKUs of the line', () => {
    expect(decideReturn(delivered, [], command([line(1, 2), line(2, 1)]), ctx)).toEqual({
      orderId: 'ord-1',
      returnId: 'id-new',
      shipmentId: 'shp-1',
      warehouseCode: 'WH',
      lines: [
        { lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA', condition: 'RESALEABLE' },
        { lineNo: 1, sku: 'FURN-001-B', quantity: 1, uom: 'EA', condition: 'RESALEABLE' },
        { lineNo: 2, sku: 'NAIL', quantity: 1, uom: 'DZ', condition: 'RESALEABLE' },
      ],
      reasonCode: 'NOT_NEEDED',
      receivedAt: NOW,
    });
  });

  it('given earlier returns, when more than what is left comes back, then RETURN_EXCEEDS_SHIPPED', () => {
    const earlier = [{ lineNo: 2, sku: 'NAIL', quantity: 2, uom: 'DZ' }];
    expect(codeOf(() => decideReturn(delivered, earlier, command([line(2, 1)]), ctx))).toBe(
      'RETURN_EXCEEDS_SHIPPED',
    );
  });

  it('given a shipment not delivered, then SHIPMENT_NOT_DELIVERED', () => {
    expect(
      codeOf(() => decideReturn(booked({ state: 'DISPATCHED' }), [], command([line(1, 1)]), ctx)),
    ).toBe('SHIPMENT_NOT_DELIVERED');
  });

  it('given a line not in the shipment, then LINE_NOT_SHIPPED', () => {
    expect(codeOf(() => decideReturn(delivered, [], command([line(9, 1)]), ctx))).toBe(
      'LINE_NOT_SHIPPED',
    );
  });

  it('throws DomainError only', () => {
    expect(() => decideReturn(delivered, [], command([line(9, 1)]), ctx)).toThrow(DomainError);
  });
});
