import type { OrderImported } from '@o2c/contracts';
import type { OdooSaleOrder } from './odoo-snapshot';

/** What order-intake's POST /admin/imports/orders takes per order. */
export type ImportCandidate = Omit<OrderImported, 'orderId' | 'importedAt'>;

/** Why a sale order is left out: skipped ones are not open orders, unmappable ones need a fix. */
export type SkipReason = 'QUOTATION' | 'CANCELLED' | 'CLOSED';
export type UnmappableReason =
  | 'CREDIT_NOTES'
  | 'DRAFT_INVOICE'
  | 'PARTIALLY_PAID'
  | 'NO_PRODUCT_CODE'
  | 'UNKNOWN_UNIT'
  | 'DISCOUNT'
  | 'NO_CUSTOMER_KEY'
  | 'NO_WAREHOUSE'
  | 'NO_CURRENCY'
  | 'NO_LINES';

export interface Unmappable {
  saleOrder: string;
  code: UnmappableReason;
  message: string;
}

export interface ImportPlan {
  /** Open orders: imported if new, refreshed if imported before. */
  candidates: ImportCandidate[];
  /** Closed orders: only refreshed, if imported before while open (refreshOnly). */
  refreshes: ImportCandidate[];
  /** Cancelled orders: the ones imported before while open are cancelled on the platform. */
  cancellations: ImportCandidate[];
  skipped: Array<{ saleOrder: string; code: SkipReason }>;
  unmappable: Unmappable[];
}

export interface PlanOptions {
  /** The channel imported orders belong to. */
  channelCode: string;
  /** Canonical unit code → Odoo uom.uom name (ODOO_UOM_MAP). */
  uomMap: ReadonlyMap<string, string>;
}

/** A draft move has no number yet: Odoo names it '/'. */
const numberOf = (inv: { id: number; name: string }) =>
  inv.name && inv.name !== '/' ? inv.name : `#${inv.id} (no number yet)`;

const SETTLED_PAYMENTS = new Set(['paid', 'in_payment', 'reversed']);
const round9 = (q: number) => Number(q.toFixed(9));

/** The state an imported order is in, as fulfillment and invoicing will hold it. */
export function importedState(c: Pick<ImportCandidate, 'lines'>): 'COMPLETED' | 'IMPORTED' {
  const done = c.lines.every(
    (l) => l.deliveredQuantity >= l.quantity && l.invoicedQuantity === l.deliveredQuantity,
  );
  return done ? 'COMPLETED' : 'IMPORTED';
}

function problemsOf(so: OdooSaleOrder, unitCode: (name: string) => string | undefined) {
  const out: Array<{ code: UnmappableReason; message: string }> = [];
  if (!so.lines.length) out.push({ code: 'NO_LINES', message: 'no product line' });
  if (so.creditNotes > 0)
    out.push({
      code: 'CREDIT_NOTES',
      message: `${so.creditNotes} credit note(s): returns are not imported`,
    });
  for (const inv of so.invoices.filter((i) => i.state === 'draft'))
    out.push({
      code: 'DRAFT_INVOICE',
      message: `draft invoice ${numberOf(inv)}: post or cancel it in Odoo`,
    });
  for (const inv of so.invoices.filter((i) => i.state === 'posted' && i.paymentState === 'partial'))
    out.push({
      code: 'PARTIALLY_PAID',
      message: `invoice ${inv.name} is partially paid: the platform would expect its full amount`,
    });
  so.lines.forEach((l, i) => {
    const at = `line ${i + 1}`;
    if (!l.sku)
      out.push({ code: 'NO_PRODUCT_CODE', message: `${at}: product without internal reference` });
    if (!l.uomName || !unitCode(l.uomName))
      out.push({
        code: 'UNKNOWN_UNIT',
        message: `${at}: unit '${l.uomName ?? '-'}' is not in ODOO_UOM_MAP`,
      });
    if (l.discount) out.push({ code: 'DISCOUNT', message: `${at}: ${l.discount} % discount` });
  });
  if (!so.customerKey)
    out.push({
      code: 'NO_CUSTOMER_KEY',
      message: 'the customer has no value in the ODOO_CUSTOMER_KEY field',
    });
  if (!so.warehouseCode) out.push({ code: 'NO_WAREHOUSE', message: 'no warehouse' });
  if (!so.currency) out.push({ code: 'NO_CURRENCY', message: 'no currency' });
  return out;
}

/** Closed: everything delivered, invoiced and paid. Nothing is left for the platform to follow. */
const isClosed = (so: OdooSaleOrder) =>
  so.lines.every((l) => l.delivered >= l.quantity && l.invoicedPosted >= l.delivered) &&
  so.invoices.every((i) => SETTLED_PAYMENTS.has(i.paymentState));

function candidateOf(
  so: OdooSaleOrder,
  channelCode: string,
  unitCode: (name: string) => string | undefined,
): ImportCandidate {
  const lines = so.lines.map((l, i) => ({
    lineNo: i + 1,
    sku: l.sku!,
    quantity: l.quantity,
    uom: unitCode(l.uomName!)!,
    unitPriceMinor: Math.round(l.priceUnit * 100),
    deliveredQuantity: round9(l.delivered),
    invoicedQuantity: round9(l.invoicedPosted),
  }));
  return {
    channelCode,
    channelOrderRef: so.name,
    customerId: so.customerKey!,
    warehouseCode: so.warehouseCode!,
    currency: so.currency!,
    lines,
    totalMinor: lines.reduce((s, l) => s + Math.round(l.quantity * l.unitPriceMinor), 0),
    odooSaleOrderId: so.id,
    odooSaleOrderName: so.name,
    odooClientOrderRef: so.clientOrderRef,
    deliveries: so.deliveries,
    invoices: so.invoices
      .filter((i) => i.state === 'posted')
      .map((i) => ({ odooInvoiceId: i.id, name: i.name, totalMinor: i.totalMinor })),
    orderedAt: so.orderedAt,
  };
}

/**
 * Pure: Odoo's sale orders → the open ones as import candidates, the others skipped (quotations,
 * cancelled, closed) or unmappable with every reason. Lines are numbered by Odoo's order. A closed
 * order is also a refresh: imported earlier while open, the platform learns it is now complete; a
 * cancelled one imported earlier is cancelled on the platform (its held stock released).
 */
export function planImport(orders: readonly OdooSaleOrder[], opts: PlanOptions): ImportPlan {
  const byName = new Map([...opts.uomMap].map(([code, name]) => [name, code]));
  const unitCode = (n: string) => byName.get(n);
  const plan: ImportPlan = {
    candidates: [],
    refreshes: [],
    cancellations: [],
    skipped: [],
    unmappable: [],
  };
  for (const so of orders) {
    if (so.state === 'draft' || so.state === 'sent') {
      plan.skipped.push({ saleOrder: so.name, code: 'QUOTATION' });
      continue;
    }
    const problems = problemsOf(so, unitCode);
    if (so.state === 'cancel') {
      plan.skipped.push({ saleOrder: so.name, code: 'CANCELLED' });
      if (!problems.length) plan.cancellations.push(candidateOf(so, opts.channelCode, unitCode));
      continue;
    }
    if (isClosed(so)) {
      plan.skipped.push({ saleOrder: so.name, code: 'CLOSED' });
      if (!problems.length) plan.refreshes.push(candidateOf(so, opts.channelCode, unitCode));
      continue;
    }
    if (problems.length) {
      plan.unmappable.push(...problems.map((p) => ({ saleOrder: so.name, ...p })));
      continue;
    }
    plan.candidates.push(candidateOf(so, opts.channelCode, unitCode));
  }
  return plan;
}
