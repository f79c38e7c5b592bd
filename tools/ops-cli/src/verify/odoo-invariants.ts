import { outsideLines } from './diff-lines';
import type { FulfillmentOrder, InvoicingOrder, OdooOrder } from './facts';

type Add = (check: string, message: string) => void;

const money = (minor: number) => (minor / 100).toFixed(2);

/** Effects applied twice in Odoo: reported even while the order is in flight. */
export function odooDuplicates(odoo: OdooOrder, bill: InvoicingOrder | undefined, add: Add): void {
  if (odoo.saleOrders > 1) add('ODOO_SALE_ORDER_TWICE', `${odoo.saleOrders} sale orders in Odoo`);
  if (bill && odoo.postedInvoices > bill.invoices)
    add(
      'ODOO_INVOICE_TWICE',
      `${odoo.postedInvoices} posted invoices in Odoo for ${bill.invoices} issued`,
    );
  if (bill?.creditNotes !== undefined && odoo.postedCreditNotes > bill.creditNotes)
    add(
      'ODOO_CREDIT_NOTE_TWICE',
      `${odoo.postedCreditNotes} posted credit notes in Odoo for ${bill.creditNotes} issued`,
    );
}

/**
 * A settled order as Odoo holds it against ours: the sale order exists, delivered quantities
 * per line are what we shipped (less at most what came back), posted invoices and credit notes match ours in number, total
 * and currency. Totals are compared only when the counts agree (a missing document says more).
 */
export function odooDivergences(
  odoo: OdooOrder,
  ful: FulfillmentOrder | undefined,
  bill: InvoicingOrder | undefined,
  add: Add,
): void {
  if (odoo.saleOrders === 0) {
    add('ODOO_SALE_ORDER_MISSING', 'accepted, but no sale order in Odoo');
    return;
  }
  // Resaleable returns go back through Odoo return receipts, which lower qty_delivered; damaged
  // ones stay out of Odoo's stock. So Odoo's figure lies between shipped less returned and shipped.
  const delivered = outsideLines(ful?.shippedByLine, ful?.returnedByLine, odoo.deliveredByLine);
  if (delivered.length)
    add('ODOO_DELIVERED_NE_SHIPPED', `shipped vs Odoo qty_delivered: ${delivered.join('; ')}`);
  if (!bill) return;
  if (odoo.postedInvoices < bill.invoices)
    add(
      'ODOO_INVOICE_MISSING',
      `${bill.invoices} invoices issued, ${odoo.postedInvoices} posted in Odoo`,
    );
  else if (odoo.invoicedMinor !== bill.invoicedMinor)
    add(
      'ODOO_INVOICED_AMOUNT',
      `invoiced ${money(bill.invoicedMinor)}, Odoo's posted invoices total ${money(odoo.invoicedMinor)}`,
    );
  if (bill.creditNotes !== undefined && odoo.postedCreditNotes < bill.creditNotes)
    add(
      'ODOO_CREDIT_NOTE_MISSING',
      `${bill.creditNotes} credit notes issued for returns, ${odoo.postedCreditNotes} posted in Odoo`,
    );
  else if (odoo.creditedMinor !== bill.creditedMinor)
    add(
      'ODOO_CREDITED_AMOUNT',
      `credited ${money(bill.creditedMinor)}, Odoo's posted credit notes total ${money(odoo.creditedMinor)}`,
    );
  const foreign = odoo.currencies.filter((c) => c !== bill.currency);
  if (bill.currency && foreign.length)
    add(
      'ODOO_CURRENCY',
      `order in ${bill.currency}, Odoo's documents in ${odoo.currencies.join(', ')}`,
    );
}
