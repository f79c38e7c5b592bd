import type { OrderAccepted, OrderAcceptedV1 } from '../src';
import { contractOf, eventTypes, eventUpcasters, upcastToLatest, UpcastError } from '../src';
import { upcast } from '../src/upcasters/sales/OrderAccepted.v2';
import { upcast as upcastQuant } from '../src/upcasters/odoo/StockQuantChanged.v2';

const v1Order: OrderAcceptedV1 = {
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
      quantity: 2,
      uom: 'EA',
      unitPriceMinor: 1250,
      substitutionAllowed: false,
    },
  ],
  totalMinor: 2500,
  shipTo: { name: 'A', street: 'B 1', city: 'C', postalCode: '1', countryCode: 'DE' },
  acceptedAt: Date.UTC(2026, 0, 1),
};

describe('the OrderAccepted v2 upcaster', () => {
  it('gives a v1 order the v2 fields, null: the customer gave neither', () => {
    expect(upcast(v1Order)).toEqual({
      ...v1Order,
      requestedDeliveryAt: null,
      customerPurchaseOrderRef: null,
    });
  });

  it('is pure: the v1 payload is left as it was', () => {
    const before = structuredClone(v1Order);
    upcast(v1Order);
    expect(v1Order).toEqual(before);
  });
});

describe('the StockQuantChanged v2 upcaster', () => {
  it('gives a v1 figure a null readAt: the adapter did not say when it read it', () => {
    const v1 = {
      sku: 'FURN-001',
      odooProductId: '7',
      warehouseCode: 'WH',
      quantityOnHand: 4,
      reservedQuantity: 1,
      uom: 'EA',
      odooWriteDate: Date.UTC(2026, 0, 1),
    };
    expect(upcastToLatest('StockQuantChanged', 1, v1)).toEqual({ ...v1, readAt: null });
    expect(eventUpcasters.StockQuantChanged?.[2]).toBe(upcastQuant);
  });
});

describe('upcastToLatest', () => {
  it('takes a v1 payload through the chain to the latest version', () => {
    expect(contractOf('OrderAccepted').version).toBe(2);
    expect(upcastToLatest('OrderAccepted', 1, v1Order)).toMatchObject({
      orderId: 'o-1',
      requestedDeliveryAt: null,
      customerPurchaseOrderRef: null,
    });
  });

  it('returns a latest-version payload as it is', () => {
    const v2: OrderAccepted = {
      ...v1Order,
      requestedDeliveryAt: 1,
      customerPurchaseOrderRef: 'PO-9',
    };
    expect(upcastToLatest('OrderAccepted', 2, v2)).toBe(v2);
    const cancelled = { orderId: 'o-1' };
    expect(upcastToLatest('OrderCancelled', 1, cancelled)).toBe(cancelled);
  });

  it('refuses a version the catalogue does not have', () => {
    expect(() => upcastToLatest('OrderAccepted', 3, v1Order)).toThrow(
      new UpcastError('OrderAccepted has versions 1..2, not 3'),
    );
    expect(() => upcastToLatest('OrderCancelled', 0, {})).toThrow(UpcastError);
  });

  it('has an upcaster for every version after the first of every event type', () => {
    for (const type of eventTypes) {
      const { version } = contractOf(type);
      const versions = Object.keys(eventUpcasters[type] ?? {}).map(Number);
      expect({ type, versions }).toEqual({
        type,
        versions: Array.from({ length: version - 1 }, (_, i) => i + 2),
      });
    }
    expect(eventUpcasters.OrderAccepted?.[2]).toBe(upcast);
  });
});
