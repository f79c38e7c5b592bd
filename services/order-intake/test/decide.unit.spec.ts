import { buildState, buildSubmitOrder } from './build';
import { given, NOW } from './given';

const deco = {
  name: 'Deco Addict',
  street: 'Rue des Palais 44',
  city: 'Brussels',
  postalCode: '1030',
  countryCode: 'BE',
};

const rejectedWith = (
  events: ReturnType<ReturnType<ReturnType<typeof given>['when']>['events']>,
) => {
  expect(events).toHaveLength(1);
  expect(events[0]!.type).toBe('OrderRejected');
  return (events[0]!.data as { reasons: Array<{ code: string; field: string | null }> }).reasons;
};

describe('decide SubmitOrder', () => {
  describe('when the order is valid', () => {
    it('accepts it with defaults filled from master data and the total computed', () => {
      given()
        .when(buildSubmitOrder())
        .then([
          {
            type: 'OrderAccepted',
            data: {
              orderId: 'ord-new',
              channelCode: 'webshop',
              channelOrderRef: 'WEB-1001',
              customerId: 'CUST-001',
              currency: 'EUR',
              warehouseCode: 'WH',
              shipTo: deco,
              lines: [
                {
                  lineNo: 1,
                  sku: 'FURN-001',
                  quantity: 2,
                  uom: 'EA',
                  unitPriceMinor: 12_000,
                  substitutionAllowed: true,
                },
                {
                  lineNo: 2,
                  sku: 'COFF-1KG',
                  quantity: 1.5,
                  uom: 'KG',
                  unitPriceMinor: 1_800,
                  substitutionAllowed: false,
                },
              ],
              totalMinor: 26_700,
              acceptedAt: NOW,
              requestedDeliveryAt: null,
              customerPurchaseOrderRef: null,
            },
          },
        ]);
    });

    it('takes the unit from the SKU when none is given and honours a refused substitution', () => {
      const [event] = given()
        .when(
          buildSubmitOrder({
            currency: null,
            lines: [
              { sku: 'FURN-001', quantity: 1, unitPriceMinor: 100, substitutionAllowed: false },
            ],
          }),
        )
        .events();
      expect(event?.type).toBe('OrderAccepted');
      expect(event?.data).toMatchObject({
        currency: 'EUR',
        lines: [{ uom: 'EA', substitutionAllowed: false }],
      });
    });
  });

  describe('when the channel uses its own codes (aliases)', () => {
    it("accepts the order in Odoo's codes", () => {
      const [event] = given()
        .when(
          buildSubmitOrder({
            customerRef: 'shop-42',
            lines: [{ sku: 'SHOP-CHAIR', quantity: 1, uom: 'EA', unitPriceMinor: 100 }],
          }),
        )
        .events();
      expect(event?.type).toBe('OrderAccepted');
      expect(event?.data).toMatchObject({
        customerId: 'CUST-001',
        lines: [expect.objectContaining({ sku: 'FURN-001' })],
      });
    });
  });

  describe('when the same channel order is already live', () => {
    it('decides nothing for an accepted one', () => {
      given(buildState()).when(buildSubmitOrder()).then([]);
    });

    it('decides nothing for a cancelled one', () => {
      given(buildState({ status: 'cancelled' }))
        .when(buildSubmitOrder())
        .then([]);
    });

    it('decides anew after a rejection (the channel fixed and resubmitted)', () => {
      const events = given(buildState({ status: 'rejected' }))
        .when(buildSubmitOrder())
        .events();
      expect(events.map((e) => e.type)).toEqual(['OrderAccepted']);
    });
  });

  describe('when the order is invalid', () => {
    it('rejects an order without lines', () => {
      const reasons = rejectedWith(
        given()
          .when(buildSubmitOrder({ lines: [] }))
          .events(),
      );
      expect(reasons).toEqual([
        { code: 'EMPTY_ORDER', field: 'lines', message: 'the order has no lines' },
      ]);
    });

    it('rejects unknown master data with one reason per problem and its field path', () => {
      const reasons = rejectedWith(
        given()
          .when(
            buildSubmitOrder({
              customerRef: 'CUST-999',
              warehouseCode: 'WH9',
              lines: [
                { sku: 'NOPE-1', quantity: 1, uom: 'EA', unitPriceMinor: 100 },
                { sku: 'FURN-002', quantity: 1, uom: 'BOX', unitPriceMinor: 100 },
                { sku: 'SCRW-12', quantity: 1, uom: 'EA', unitPriceMinor: 100 },
              ],
            }),
          )
          .events(),
      );
      expect(reasons.map((r) => [r.code, r.field])).toEqual([
        ['UNKNOWN_CUSTOMER', 'customerRef'],
        ['UNKNOWN_WAREHOUSE', 'warehouseCode'],
        ['UNKNOWN_SKU', 'lines[0].sku'],
        ['UNKNOWN_UOM', 'lines[1].uom'],
        ['UOM_NOT_ALLOWED', 'lines[2].uom'],
      ]);
    });

    it('rejects what Odoo archived with its own reason, not as unknown', () => {
      const reasons = rejectedWith(
        given()
          .when(
            buildSubmitOrder({
              customerRef: 'CUST-OLD',
              warehouseCode: 'WH-OLD',
              shipTo: deco,
              lines: [{ sku: 'OLD-01', quantity: 1, uom: 'EA', unitPriceMinor: 100 }],
            }),
          )
          .events(),
      );
      expect(reasons).toEqual([
        {
          code: 'CUSTOMER_INACTIVE',
          field: 'customerRef',
          message: "customer 'CUST-OLD' is archived in Odoo",
        },
        {
          code: 'WAREHOUSE_INACTIVE',
          field: 'warehouseCode',
          message: "warehouse 'WH-OLD' is archived in Odoo",
        },
        {
          code: 'SKU_INACTIVE',
          field: 'lines[0].sku',
          message: "SKU 'OLD-01' is archived in Odoo",
        },
      ]);
    });

    it('rejects bad quantities and prices', () => {
      const reasons = rejectedWith(
        given()
          .when(
            buildSubmitOrder({
              lines: [
                { sku: 'FURN-001', quantity: 0, uom: 'EA', unitPriceMinor: 100 },
                { sku: 'FURN-002', quantity: 1.5, uom: 'EA', unitPriceMinor: 100 },
                { sku: 'COFF-1KG', quantity: null, uom: 'KG', unitPriceMinor: -1 },
                { sku: 'SCRW-12', quantity: 2, uom: 'DZ', unitPriceMinor: null },
              ],
            }),
          )
          .events(),
      );
      expect(reasons.map((r) => [r.code, r.field])).toEqual([
        ['INVALID_QUANTITY', 'lines[0].quantity'],
        ['INVALID_QUANTITY', 'lines[1].quantity'],
        ['INVALID_QUANTITY', 'lines[2].quantity'],
        ['INVALID_PRICE', 'lines[2].unitPriceMinor'],
        ['INVALID_PRICE', 'lines[3].unitPriceMinor'],
      ]);
    });

    it('rejects a currency other than the customer’s and a malformed one', () => {
      expect(
        rejectedWith(
          given()
            .when(buildSubmitOrder({ currency: 'USD' }))
            .events(),
        ),
      ).toEqual([expect.objectContaining({ code: 'CURRENCY_MISMATCH', field: 'currency' })]);
      expect(
        rejectedWith(
          given()
            .when(buildSubmitOrder({ currency: 'euro' }))
            .events(),
        ),
      ).toEqual([expect.objectContaining({ code: 'INVALID_CURRENCY', field: 'currency' })]);
    });

    it('rejects a blank channel order ref, even when a live order has that ref', () => {
      const reasons = rejectedWith(
        given(buildState())
          .when(buildSubmitOrder({ channelOrderRef: ' ' }))
          .events(),
      );
      expect(reasons).toEqual([
        expect.objectContaining({ code: 'MISSING_CHANNEL_ORDER_REF', field: 'channelOrderRef' }),
      ]);
    });

    it('rejects a line repeating a SKU and unit', () => {
      const line = { sku: 'FURN-001', quantity: 1, uom: 'EA', unitPriceMinor: 100 };
      const reasons = rejectedWith(
        given()
          .when(buildSubmitOrder({ lines: [line, line] }))
          .events(),
      );
      expect(reasons).toEqual([
        expect.objectContaining({ code: 'DUPLICATE_LINE', field: 'lines[1].sku' }),
      ]);
    });

    it('rejects a missing customer, and an incomplete address part by part', () => {
      expect(
        rejectedWith(
          given()
            .when(buildSubmitOrder({ customerRef: null }))
            .events(),
        ),
      ).toEqual([expect.objectContaining({ code: 'MISSING_CUSTOMER', field: 'customerRef' })]);
      const reasons = rejectedWith(
        given()
          .when(buildSubmitOrder({ customerRef: 'CUST-002' }))
          .events(),
      );
      expect(reasons.map((r) => r.field)).toEqual([
        'shipTo.street',
        'shipTo.postalCode',
        'shipTo.countryCode',
      ]);
    });

    it('carries the channel identity and the rejection time', () => {
      const [event] = given()
        .when(buildSubmitOrder({ lines: [] }))
        .events();
      expect(event?.data).toMatchObject({
        orderId: 'ord-new',
        channelCode: 'webshop',
        channelOrderRef: 'WEB-1001',
        rejectedAt: NOW,
      });
    });
  });
});
