import { DomainError } from '../errors';
import { lineAmount, lineTax, QTY_EPSILON, sum } from '../money';
import type { Invoice, InvoiceLine, Order, QuantityLine } from '../types';

const DAY_MS = 86_400_000;

export interface InvoiceShipment {
  order: Order;
  shipment: { shipmentId: string; lines: QuantityLine[] };
  invoiceId: string;
  invoiceNumber: string;
  taxRateBps: number;
  paymentTermsDays: number;
  issuedAt: number;
}

function invoiceLine(order: Order, shipped: QuantityLine, taxRateBps: number): InvoiceLine {
  const ordered = order.lines.find((l) => l.lineNo === shipped.lineNo);
  if (!ordered) {
    throw new DomainError(
      'LINE_NOT_ON_ORDER',
      `shipped line ${shipped.lineNo} (${shipped.sku}) is not a line of order ${order.orderId}`,
    );
  }
  if (ordered.uom !== shipped.uom) {
    throw new DomainError(
      'UOM_MISMATCH',
      `line ${shipped.lineNo} shipped in ${shipped.uom}, ordered in ${ordered.uom}`,
    );
  }
  // A substitute SKU is invoiced at the ordered line's price: the customer bought the line.
  const amountMinor = lineAmount(shipped.quantity, ordered.unitPriceMinor);
  return {
    ...shipped,
    unitPriceMinor: ordered.unitPriceMinor,
    amountMinor,
    taxMinor: lineTax(amountMinor, taxRateBps),
  };
}

/** One invoice per shipment, for exactly its shipped lines at the order lines' prices. */
export function invoiceForShipment(input: InvoiceShipment): Invoice {
  const { order, shipment, taxRateBps, issuedAt } = input;
  const lines = shipment.lines
    .filter((l) => l.quantity > QTY_EPSILON)
    .map((l) => invoiceLine(order, l, taxRateBps));
  if (lines.length === 0) {
    throw new DomainError('EMPTY_SHIPMENT', `shipment ${shipment.shipmentId} ships nothing`);
  }
  const netMinor = sum(lines.map((l) => l.amountMinor));
  const taxMinor = sum(lines.map((l) => l.taxMinor));
  return {
    invoiceId: input.invoiceId,
    invoiceNumber: input.invoiceNumber,
    orderId: order.orderId,
    shipmentId: shipment.shipmentId,
    customerId: order.customerId,
    currency: order.currency,
    lines,
    netMinor,
    taxMinor,
    totalMinor: netMinor + taxMinor,
    taxRateBps,
    issuedAt,
    dueAt: issuedAt + input.paymentTermsDays * DAY_MS,
  };
}
