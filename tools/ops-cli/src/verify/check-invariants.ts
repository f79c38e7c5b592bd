import type { ByLine, PlatformFacts, Violation } from './facts';

export interface VerifyOptions {
  now: number;
  /** Orders that changed more recently than this are in flight: only double effects count. */
  graceMs: number;
}

export interface VerifyResult {
  ok: boolean;
  orders: number;
  inFlight: number;
  byStatus: Record<string, number>;
  violations: Violation[];
}

const sum = (b: ByLine | undefined) => Object.values(b ?? {}).reduce((a, q) => a + q, 0);

function diffLines(a: ByLine | undefined, b: ByLine | undefined): string[] {
  const lines = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...lines]
    .filter((l) => (a?.[l] ?? 0) !== (b?.[l] ?? 0))
    .map((l) => `line ${l}: ${a?.[l] ?? 0} vs ${b?.[l] ?? 0}`);
}

/**
 * Pure: the platform's invariants over the facts every service reports (and Odoo's), per order.
 * 1. every order is terminal or explained; 2. invoiced = shipped and credited = returned per line;
 * 3. stock consumed = shipped, a cancelled order holds no stock, each service's ledger balances;
 * 4. Odoo holds exactly one sale order per accepted order and one posted invoice per ours;
 * 5. no effect twice (each service's own checks, plus duplicates in Odoo).
 */
export function checkInvariants(facts: PlatformFacts, opts: VerifyOptions): VerifyResult {
  const violations: Violation[] = [
    ...facts.intake.violations.map((v) => ({ ...v, source: 'order-intake' })),
    ...facts.inventory.violations.map((v) => ({ ...v, source: 'inventory-sync' })),
    ...facts.fulfillment.violations.map((v) => ({ ...v, source: 'fulfillment' })),
    ...facts.invoicing.violations.map((v) => ({ ...v, source: 'invoicing' })),
  ];
  const add = (check: string, orderId: string, message: string) =>
    violations.push({ check, orderId, message, source: 'verify' });
  const byStatus: Record<string, number> = {};
  let inFlight = 0;

  for (const [orderId, order] of Object.entries(facts.intake.orders)) {
    byStatus[order.status] = (byStatus[order.status] ?? 0) + 1;
    const inv = facts.inventory.orders[orderId];
    const ful = facts.fulfillment.orders[orderId];
    const bill = facts.invoicing.orders[orderId];
    const odoo = facts.odoo?.[orderId];
    const lastChange = Math.max(order.updatedAt, ful?.updatedAt ?? 0);
    const settled = opts.now - lastChange >= opts.graceMs;
    if (!settled) inFlight++;

    if ((odoo?.saleOrders ?? 0) > 1)
      add('ODOO_SALE_ORDER_TWICE', orderId, `${odoo!.saleOrders} sale orders in Odoo`);
    if (odoo && bill && odoo.postedInvoices > bill.invoices)
      add(
        'ODOO_INVOICE_TWICE',
        orderId,
        `${odoo.postedInvoices} posted invoices in Odoo for ${bill.invoices} issued`,
      );
    if (order.status === 'rejected') {
      if (ful || sum(inv?.reservedByLine) > 0)
        add('REJECTED_BUT_FULFILLED', orderId, 'a rejected order has stock or shipments');
      continue;
    }
    if (!settled) continue;

    const held = sum(inv?.reservedByLine) - sum(inv?.consumedByLine) - sum(inv?.releasedByLine);
    if (order.status === 'cancelled' && held > 0)
      add('CANCELLED_STOCK_HELD', orderId, `${held} still reserved for a cancelled order`);
    if (order.status !== 'cancelled') {
      const explained =
        ful?.state === 'COMPLETED' ||
        ful?.state === 'ESCALATED' ||
        ful?.state === 'CANCELLED' ||
        ful?.state === 'WAITING_STOCK' ||
        (!ful && sum(inv?.backorderedByLine) > 0) ||
        order.status === 'exception';
      if (!explained)
        add(
          'NOT_TERMINAL',
          orderId,
          `${order.status} with fulfillment ${ful?.state ?? 'absent'}, unchanged for ${Math.round((opts.now - lastChange) / 1000)} s`,
        );
    }
    const shippedVsInvoiced = diffLines(ful?.shippedByLine, bill?.invoicedByLine);
    if (shippedVsInvoiced.length)
      add('INVOICED_NE_SHIPPED', orderId, `shipped vs invoiced: ${shippedVsInvoiced.join('; ')}`);
    const returnedVsCredited = diffLines(ful?.returnedByLine, bill?.creditedByLine);
    if (returnedVsCredited.length)
      add(
        'CREDITED_NE_RETURNED',
        orderId,
        `returned vs credited: ${returnedVsCredited.join('; ')}`,
      );
    const consumedVsShipped = diffLines(inv?.consumedByLine, ful?.shippedByLine);
    if (consumedVsShipped.length)
      add(
        'STOCK_NE_SHIPPED',
        orderId,
        `stock consumed vs shipped: ${consumedVsShipped.join('; ')}`,
      );
    if (odoo && odoo.saleOrders === 0)
      add('ODOO_SALE_ORDER_MISSING', orderId, 'accepted, but no sale order in Odoo');
    if (odoo && bill && odoo.postedInvoices < bill.invoices)
      add(
        'ODOO_INVOICE_MISSING',
        orderId,
        `${bill.invoices} invoices issued, ${odoo.postedInvoices} posted in Odoo`,
      );
  }
  for (const [name, report] of [
    ['fulfillment', facts.fulfillment],
    ['invoicing', facts.invoicing],
  ] as const) {
    for (const orderId of Object.keys(report.orders)) {
      if (!facts.intake.orders[orderId])
        add('UNKNOWN_ORDER', orderId, `${name} knows an order order-intake does not`);
    }
  }
  const orders = Object.keys(facts.intake.orders).length;
  return { ok: violations.length === 0, orders, inFlight, byStatus, violations };
}
