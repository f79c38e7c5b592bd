import type { OrderImported } from '@o2c/contracts';
import { DomainError } from '../errors';
import type { Line } from '../shipment/types';
import type { ByLine } from './order-progress';

/**
 * IMPORTED: open in Odoo, the path that wrote the order there finishes it. CANCELLED: that path
 * cancelled it in Odoo while open (OrderCancelled); what Odoo delivered before stays shipped.
 */
export type ImportedState = 'IMPORTED' | 'COMPLETED' | 'CANCELLED';

/** An order bootstrap imported from Odoo, as Odoo holds it: no saga ever runs for it. */
export interface ImportedOrder {
  orderId: string;
  channelCode: string;
  channelOrderRef: string;
  warehouseCode: string;
  lines: Line[];
  shippedByLine: ByLine;
  /** What Odoo's posted invoices bill, per line (lines with an invoice): only ever grows. */
  invoicedByLine: ByLine;
  /** Outgoing deliveries Odoo validated. */
  deliveries: number;
  state: ImportedState;
}

/** What fulfillment last applied of an imported order, for a later OrderImported to refresh. */
export interface AppliedImport {
  channelCode: string;
  channelOrderRef: string;
  lines: Line[];
  shippedByLine: ByLine;
  invoicedByLine: ByLine;
  importedAt: number;
  state: ImportedState;
}

export type RefreshDecision = { kind: 'stale' } | { kind: 'refresh'; order: ImportedOrder };

// Odoo's quantities are floats: a rounding difference is not an open line.
const EPSILON = 1e-9;
const same = (a: number, b: number) => Math.abs(a - b) < EPSILON;

const byLine = (e: OrderImported, qty: (l: OrderImported['lines'][number]) => number): ByLine =>
  Object.fromEntries(e.lines.filter((l) => qty(l) > 0).map((l) => [String(l.lineNo), qty(l)]));

/**
 * COMPLETED when every line is fully delivered and invoiced exactly as delivered, otherwise
 * IMPORTED. What Odoo delivered counts as shipped (lines with a delivery only).
 */
export function decideImport(e: OrderImported): ImportedOrder {
  const done = e.lines.every(
    (l) =>
      (l.deliveredQuantity > l.quantity || same(l.deliveredQuantity, l.quantity)) &&
      same(l.invoicedQuantity, l.deliveredQuantity),
  );
  return {
    orderId: e.orderId,
    channelCode: e.channelCode,
    channelOrderRef: e.channelOrderRef,
    warehouseCode: e.warehouseCode,
    lines: e.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, uom: l.uom })),
    shippedByLine: byLine(e, (l) => l.deliveredQuantity),
    invoicedByLine: byLine(e, (l) => l.invoicedQuantity),
    deliveries: e.deliveries,
    state: done ? 'COMPLETED' : 'IMPORTED',
  };
}

const showLine = (l: Line) => `${l.lineNo} ${l.sku} ${l.quantity} ${l.uom}`;

function linesChange(before: Line[], after: Line[]): string | undefined {
  const sorted = (ls: Line[]) => [...ls].sort((a, b) => a.lineNo - b.lineNo).map(showLine);
  const [was, now] = [sorted(before), sorted(after)];
  const changed = [...new Set([...was, ...now])].filter(
    (l) => !was.includes(l) || !now.includes(l),
  );
  if (changed.length === 0) return undefined;
  const gone = was.filter((l) => !now.includes(l));
  const added = now.filter((l) => !was.includes(l));
  return `lines changed: [${gone.join('; ')}] became [${added.join('; ')}]`;
}

function decrease(what: string, before: ByLine, after: ByLine): string | undefined {
  const lines = Object.entries(before)
    .filter(([k, q]) => (after[k] ?? 0) < q - EPSILON)
    .map(([k, q]) => `line ${k} ${q} -> ${after[k] ?? 0}`);
  return lines.length ? `${what} quantity decreased: ${lines.join(', ')}` : undefined;
}

/**
 * A later OrderImported of an order imported before: a snapshot not newer than the last applied
 * is stale (a replay must not roll the state back); a newer one replaces Odoo's facts. Quantities
 * only grow and the sale order and its lines never change: anything else is refused, never applied.
 */
export function decideRefresh(last: AppliedImport, e: OrderImported): RefreshDecision {
  if (e.importedAt <= last.importedAt) return { kind: 'stale' };
  const order = decideImport(e);
  const refused = (code: 'IMPORT_SALE_ORDER_CHANGED' | 'IMPORT_LINES_CHANGED', why: string) =>
    new DomainError(code, `imported order ${e.orderId}: ${why}`);
  if (last.channelCode !== e.channelCode || last.channelOrderRef !== e.channelOrderRef)
    throw refused(
      'IMPORT_SALE_ORDER_CHANGED',
      `imported as ${last.channelCode}/${last.channelOrderRef}, refreshed as ${e.channelCode}/${e.channelOrderRef}`,
    );
  const lines = linesChange(last.lines, order.lines);
  if (lines) throw refused('IMPORT_LINES_CHANGED', lines);
  const delivered = decrease('delivered', last.shippedByLine, order.shippedByLine);
  if (delivered)
    throw new DomainError('IMPORT_QUANTITY_DECREASED', `imported order ${e.orderId}: ${delivered}`);
  const invoiced = decrease('invoiced', last.invoicedByLine, order.invoicedByLine);
  if (invoiced)
    throw new DomainError('IMPORT_QUANTITY_DECREASED', `imported order ${e.orderId}: ${invoiced}`);
  // A cancel is final: a newer snapshot may add Odoo's facts, it never reopens the order.
  return {
    kind: 'refresh',
    order: last.state === 'CANCELLED' ? { ...order, state: 'CANCELLED' } : order,
  };
}

export type ImportCancelOutcome = 'cancelled' | 'completed' | 'duplicate';

/**
 * An OrderCancelled of an imported order: an open one (IMPORTED) is cancelled; a COMPLETED one
 * stays completed (nothing is left to cancel); one already cancelled is a duplicate.
 */
export function decideImportCancel(state: ImportedState): ImportCancelOutcome {
  if (state === 'IMPORTED') return 'cancelled';
  return state === 'COMPLETED' ? 'completed' : 'duplicate';
}
