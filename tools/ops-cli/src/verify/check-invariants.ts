import { diffLines, outsideLines } from './diff-lines';
import type { ByLine, PlatformFacts, Violation } from './facts';
import { odooDivergences, odooDuplicates } from './odoo-invariants';
import { checkPurchases } from './purchase-invariants';

export interface VerifyOptions {
  now: number;
  /** Orders that changed more recently than this are in flight: only double effects count. */
  graceMs: number;
}

export interface VerifyResult {
  ok: boolean;
  orders: number;
  inFlight: number;
  /** Orders handled in shadow mode (Odoo written by the old integration). */
  shadow: number;
  byStatus: Record<string, number>;
  /** Purchases invoicing knows and proposals inventory-sync reports (0 before procure-to-pay). */
  purchases: number;
  proposals: number;
  violations: Violation[];
}

const sum = (b: ByLine | undefined) => Object.values(b ?? {}).reduce((a, q) => a + q, 0);

/**
 * Pure: the platform's invariants over the facts every service reports (and Odoo's), per order.
 * 1. every order is terminal or explained (an order bootstrap imported open is: Odoo's path
 *    finishes it); 2. invoiced = shipped (an imported open order: at most shipped) and credited =
 *    returned per line;
 * 3. stock consumed = shipped, a cancelled order holds no stock, each service's ledger balances;
 * 4. Odoo holds exactly one sale order per accepted order, has delivered what we shipped per
 *    line, and has posted our invoices and credit notes with our totals, in our currency;
 * 5. no effect twice (each service's own checks, plus duplicates in Odoo); an order odoo-adapter
 *    handled in shadow mode (imported orders are) has no sale order of ours in Odoo (4 does not
 *    apply to it);
 * 6. procure-to-pay (purchase-invariants.ts), reported against purchase and proposal ids.
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
  const shadow = new Set(facts.shadowOrders ?? []);
  const imported = new Set(facts.importedOrders ?? []);
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

    const addOdoo = (check: string, message: string) => add(check, orderId, message);
    if (odoo && shadow.has(orderId)) {
      if (odoo.saleOrders > 0)
        add(
          'SHADOW_ORDER_WRITTEN',
          orderId,
          `shadow mode, yet ${odoo.saleOrders} sale order(s) of ours in Odoo`,
        );
    } else if (odoo) odooDuplicates(odoo, bill, addOdoo);
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
        ful?.state === 'IMPORTED' ||
        (!ful && sum(inv?.backorderedByLine) > 0) ||
        order.status === 'exception';
      if (!explained)
        add(
          'NOT_TERMINAL',
          orderId,
          `${order.status} with fulfillment ${ful?.state ?? 'absent'}, unchanged for ${Math.round((opts.now - lastChange) / 1000)} s`,
        );
    }
    // An imported order is invoiced by the path that wrote it: later, or never once cancelled.
    const shippedVsInvoiced =
      ful?.state === 'IMPORTED' || imported.has(orderId)
        ? outsideLines(ful?.shippedByLine, ful?.shippedByLine, bill?.invoicedByLine)
        : diffLines(ful?.shippedByLine, bill?.invoicedByLine);
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
    if (odoo && !shadow.has(orderId)) odooDivergences(odoo, ful, bill, addOdoo);
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
  const { purchases, proposals } = checkPurchases(facts, opts, add);
  const orders = Object.keys(facts.intake.orders).length;
  return {
    ok: violations.length === 0,
    orders,
    inFlight,
    shadow: shadow.size,
    byStatus,
    purchases,
    proposals,
    violations,
  };
}
