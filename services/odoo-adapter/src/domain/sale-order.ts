import { partnerOf, productOf, uomOf, warehouseOf, type MasterData } from './master-data';

export interface AcceptedOrder {
  orderId: string;
  customerId: string;
  warehouseCode: string;
  currency: string;
  /** Null when the customer gave none (every OrderAccepted has it: v1 events are upcast). */
  customerPurchaseOrderRef: string | null;
  lines: ReadonlyArray<{
    lineNo: number;
    sku: string;
    quantity: number;
    uom: string;
    unitPriceMinor: number;
  }>;
}

/** Minor units per major unit; the platform's currencies all have two decimals. */
const MINOR = 100;

/**
 * The sale.order an accepted order becomes. `client_order_ref` carries our order id: it is the
 * business key the adapter looks up before creating, so retries never create a second order.
 * `uomField` is `product_uom` up to Odoo 18 and `product_uom_id` from 19. The pricelist (one in
 * the order's currency) sets the order's currency; every line carries our price.
 */
export function saleOrderVals(
  order: AcceptedOrder,
  md: MasterData,
  uomField: string,
  pricelistId: number,
): Record<string, unknown> {
  return {
    partner_id: partnerOf(md, order.customerId),
    pricelist_id: pricelistId,
    warehouse_id: warehouseOf(md, order.warehouseCode),
    client_order_ref: order.orderId,
    origin: order.customerPurchaseOrderRef ?? order.orderId,
    order_line: order.lines.map((line) => [
      0,
      0,
      {
        product_id: productOf(md, line.sku).id,
        product_uom_qty: line.quantity,
        [uomField]: uomOf(md, line.uom),
        price_unit: line.unitPriceMinor / MINOR,
        sequence: line.lineNo,
      },
    ]),
  };
}
