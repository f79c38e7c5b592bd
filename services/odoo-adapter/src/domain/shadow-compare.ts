/**
 * Shadow mode: what the adapter would have written to Odoo, compared with what the existing
 * integration wrote. Pure: the caller reads Odoo and passes what it found.
 */

export type WriteMode = 'live' | 'shadow';
export const WRITE_MODES: readonly WriteMode[] = ['live', 'shadow'];

export type ShadowFlow = 'SALE_ORDER' | 'CANCELLATION' | 'DELIVERY' | 'INVOICE';

export type DivergenceKind =
  | 'SALE_ORDER_MISSING'
  | 'LINE_MISSING'
  | 'LINE_EXTRA'
  | 'QUANTITY_DIFFERS'
  | 'PRICE_DIFFERS'
  | 'NOT_CANCELLED'
  | 'DELIVERY_NOT_VALIDATED'
  | 'INVOICE_NOT_POSTED'
  | 'AMOUNT_DIFFERS';

export interface Divergence {
  kind: DivergenceKind;
  sku: string | null;
  expected: string | null;
  actual: string | null;
  odooModel: string;
  odooId: string | null;
}

/** A sale order line as the adapter would write it, or as Odoo holds it, by SKU. */
export interface ShadowLine {
  sku: string;
  quantity: number;
  priceUnit: number;
}

/** The sale order the legacy integration wrote, as read from Odoo. */
export interface FoundSaleOrder {
  id: number;
  state: string;
  lines: ShadowLine[];
}

export interface FoundRecord {
  id: number;
  state: string;
}

export interface FoundInvoice extends FoundRecord {
  amountTotal: number;
}

const QTY_EPSILON = 1e-6;
const PRICE_EPSILON = 0.005;

const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

const missing = (what: string): Divergence => ({
  kind: 'SALE_ORDER_MISSING',
  sku: null,
  expected: what,
  actual: null,
  odooModel: 'sale.order',
  odooId: null,
});

/** Lines summed per SKU; the price is the first line's (one SKU normally has one price). */
function bySku(lines: readonly ShadowLine[]): Map<string, ShadowLine> {
  const out = new Map<string, ShadowLine>();
  for (const line of lines) {
    const seen = out.get(line.sku);
    if (seen) seen.quantity += line.quantity;
    else out.set(line.sku, { ...line });
  }
  return out;
}

/**
 * SALE_ORDER: the sale order exists (not cancelled unless ours is) and holds, per product, the
 * quantity and unit price the adapter would have written.
 */
export function compareSaleOrder(
  expected: { channelOrderRef: string; currency: string; lines: readonly ShadowLine[] },
  found: FoundSaleOrder | undefined,
): Divergence[] {
  if (!found) return [missing(expected.channelOrderRef)];
  const base = { odooModel: 'sale.order', odooId: String(found.id) };
  const want = bySku(expected.lines);
  const have = bySku(found.lines);
  const out: Divergence[] = [];
  for (const [sku, w] of want) {
    const h = have.get(sku);
    if (!h) {
      out.push({ ...base, kind: 'LINE_MISSING', sku, expected: String(w.quantity), actual: null });
      continue;
    }
    if (Math.abs(h.quantity - w.quantity) > QTY_EPSILON)
      out.push({
        ...base,
        kind: 'QUANTITY_DIFFERS',
        sku,
        expected: String(w.quantity),
        actual: String(h.quantity),
      });
    if (Math.abs(h.priceUnit - w.priceUnit) > PRICE_EPSILON)
      out.push({
        ...base,
        kind: 'PRICE_DIFFERS',
        sku,
        expected: money(w.priceUnit, expected.currency),
        actual: money(h.priceUnit, expected.currency),
      });
  }
  for (const [sku, h] of have)
    if (!want.has(sku))
      out.push({ ...base, kind: 'LINE_EXTRA', sku, expected: null, actual: String(h.quantity) });
  return out;
}

/** CANCELLATION: the legacy path cancelled the sale order too. */
export function compareCancellation(
  channelOrderRef: string,
  found: FoundRecord | undefined,
): Divergence[] {
  if (!found) return [missing(channelOrderRef)];
  if (found.state === 'cancel') return [];
  return [
    {
      kind: 'NOT_CANCELLED',
      sku: null,
      expected: 'cancel',
      actual: found.state,
      odooModel: 'sale.order',
      odooId: String(found.id),
    },
  ];
}

/**
 * DELIVERY: a shipment left, so a delivery of the sale order is done in Odoo; for the last
 * shipment, every delivery not cancelled is.
 */
export function compareDelivery(
  channelOrderRef: string,
  found: FoundRecord | undefined,
  pickings: readonly FoundRecord[],
  lastShipment: boolean,
): Divergence[] {
  if (!found) return [missing(channelOrderRef)];
  const open = pickings.filter((p) => p.state !== 'done' && p.state !== 'cancel');
  const done = pickings.filter((p) => p.state === 'done');
  if (done.length > 0 && (!lastShipment || open.length === 0)) return [];
  const first = open[0] ?? pickings[0];
  return [
    {
      kind: 'DELIVERY_NOT_VALIDATED',
      sku: null,
      expected: 'done',
      actual: first ? first.state : null,
      odooModel: 'stock.picking',
      odooId: first ? String(first.id) : null,
    },
  ];
}

/** INVOICE: a posted customer invoice of the sale order with our invoice's total. */
export function compareInvoice(
  expected: { channelOrderRef: string; totalMinor: number; currency: string },
  found: FoundRecord | undefined,
  invoices: readonly FoundInvoice[],
): Divergence[] {
  if (!found) return [missing(expected.channelOrderRef)];
  const total = expected.totalMinor / 100;
  const posted = invoices.filter((i) => i.state === 'posted');
  if (posted.some((i) => Math.abs(i.amountTotal - total) <= PRICE_EPSILON)) return [];
  const base = { sku: null, expected: money(total, expected.currency), odooModel: 'account.move' };
  const [first] = posted;
  if (!first) return [{ ...base, kind: 'INVOICE_NOT_POSTED', actual: null, odooId: null }];
  return [
    {
      ...base,
      kind: 'AMOUNT_DIFFERS',
      actual: posted.map((i) => money(i.amountTotal, expected.currency)).join(', '),
      odooId: String(first.id),
    },
  ];
}
