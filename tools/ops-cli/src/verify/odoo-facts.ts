import { m2oId, m2oName, type OdooClient, type OdooRecord } from '@o2c/odoo-client';
import type { OdooOrder } from './facts';

const chunks = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, i * size + size),
  );

/** Amounts as Odoo reports them (floats in the currency) to our minor units. */
const toMinor = (amount: unknown) => Math.round(Number(amount) * 100);

const empty = (): OdooOrder => ({
  saleOrders: 0,
  postedInvoices: 0,
  deliveredByLine: {},
  invoicedMinor: 0,
  postedCreditNotes: 0,
  creditedMinor: 0,
  currencies: [],
});

function addCurrency(order: OdooOrder, currency: unknown): void {
  const code = m2oName(currency as never);
  if (code && !order.currencies.includes(code))
    order.currencies = [...order.currencies, code].sort();
}

/**
 * Odoo's documents per order, found the way the adapter links them: the sale order by
 * client_order_ref (our order id), its lines by sequence (our line number), invoices by
 * invoice_origin (the sale order's name), credit notes by reversed_entry_id (the invoice).
 */
export async function odooFacts(
  odoo: OdooClient,
  orderIds: string[],
): Promise<Record<string, OdooOrder>> {
  const facts: Record<string, OdooOrder> = Object.fromEntries(orderIds.map((id) => [id, empty()]));
  for (const ids of chunks(orderIds, 200)) {
    const sos = await odoo.searchRead<OdooRecord & { client_order_ref: string; name: string }>(
      'sale.order',
      [['client_order_ref', 'in', ids]],
      { fields: ['client_order_ref', 'name', 'currency_id'] },
    );
    const orderOfName = new Map<string, string>();
    const orderOfSo = new Map<number, string>();
    for (const so of sos) {
      const order = facts[so.client_order_ref]!;
      order.saleOrders++;
      addCurrency(order, so.currency_id);
      orderOfName.set(so.name, so.client_order_ref);
      orderOfSo.set(so.id, so.client_order_ref);
    }
    if (!sos.length) continue;
    const lines = await odoo.searchRead(
      'sale.order.line',
      [
        ['order_id', 'in', [...orderOfSo.keys()]],
        ['display_type', '=', false],
      ],
      { fields: ['order_id', 'sequence', 'qty_delivered'] },
    );
    for (const l of lines) {
      const order = facts[orderOfSo.get(m2oId(l.order_id as never) ?? 0) ?? '']!;
      const key = String(l.sequence);
      const sum = (order.deliveredByLine[key] ?? 0) + Number(l.qty_delivered);
      order.deliveredByLine[key] = Number(sum.toFixed(9));
    }
    const invoices = await odoo.searchRead<OdooRecord & { invoice_origin: string }>(
      'account.move',
      [
        ['move_type', '=', 'out_invoice'],
        ['invoice_origin', 'in', [...orderOfName.keys()]],
      ],
      { fields: ['invoice_origin', 'state', 'amount_total', 'currency_id'] },
    );
    const orderOfInvoice = new Map<number, string>();
    for (const m of invoices) {
      const orderId = orderOfName.get(m.invoice_origin);
      if (!orderId) continue;
      orderOfInvoice.set(m.id, orderId);
      if (m.state !== 'posted') continue;
      const order = facts[orderId]!;
      order.postedInvoices++;
      order.invoicedMinor += toMinor(m.amount_total);
      addCurrency(order, m.currency_id);
    }
    if (!orderOfInvoice.size) continue;
    const refunds = await odoo.searchRead(
      'account.move',
      [
        ['move_type', '=', 'out_refund'],
        ['state', '=', 'posted'],
        ['reversed_entry_id', 'in', [...orderOfInvoice.keys()]],
      ],
      { fields: ['reversed_entry_id', 'amount_total', 'currency_id'] },
    );
    for (const r of refunds) {
      const order = facts[orderOfInvoice.get(m2oId(r.reversed_entry_id as never) ?? 0) ?? '']!;
      order.postedCreditNotes++;
      order.creditedMinor += toMinor(r.amount_total);
      addCurrency(order, r.currency_id);
    }
  }
  return facts;
}
