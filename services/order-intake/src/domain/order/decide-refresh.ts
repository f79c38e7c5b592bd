import type { OrderImported } from '@o2c/contracts';
import type { ImportCandidate } from './types';

/** Why a refresh contradicts what was published: the sale order is not the one imported. */
export interface RefreshConflict {
  code: 'IMPORT_CONFLICT';
  message: string;
  lineNo?: number;
}

export type RefreshDecision =
  | { outcome: 'unchanged' }
  | { outcome: 'conflict'; reasons: RefreshConflict[] }
  | { outcome: 'refreshed'; data: OrderImported };

const conflict = (message: string, lineNo?: number): RefreshConflict =>
  lineNo === undefined
    ? { code: 'IMPORT_CONFLICT', message }
    : { code: 'IMPORT_CONFLICT', message, lineNo };

const HEADER = [
  'odooSaleOrderId',
  'customerId',
  'warehouseCode',
  'currency',
  'totalMinor',
] as const;
const LINE = ['sku', 'quantity', 'uom', 'unitPriceMinor'] as const;
const PROGRESS = ['deliveredQuantity', 'invoicedQuantity'] as const;

function headerConflicts(c: ImportCandidate, last: OrderImported): RefreshConflict[] {
  return HEADER.filter((f) => c[f] !== last[f]).map((f) =>
    conflict(`${f} is ${JSON.stringify(c[f])}, it was imported as ${JSON.stringify(last[f])}`),
  );
}

function lineConflicts(c: ImportCandidate, last: OrderImported): RefreshConflict[] {
  const now = new Map(c.lines.map((l) => [l.lineNo, l]));
  const was = new Map(last.lines.map((l) => [l.lineNo, l]));
  const reasons: RefreshConflict[] = [];
  for (const [lineNo, before] of was) {
    const line = now.get(lineNo);
    if (!line) {
      reasons.push(conflict(`line ${lineNo} was imported and is gone`, lineNo));
      continue;
    }
    for (const f of LINE.filter((f) => line[f] !== before[f])) {
      const change = `${JSON.stringify(before[f])} to ${JSON.stringify(line[f])}`;
      reasons.push(conflict(`line ${lineNo}: ${f} changed from ${change}`, lineNo));
    }
    for (const f of PROGRESS.filter((f) => line[f] < before[f])) {
      reasons.push(
        conflict(`line ${lineNo}: ${f} went down from ${before[f]} to ${line[f]}`, lineNo),
      );
    }
  }
  for (const lineNo of now.keys()) {
    if (!was.has(lineNo)) reasons.push(conflict(`line ${lineNo} was not imported`, lineNo));
  }
  if (now.size !== c.lines.length) reasons.push(conflict('a line number repeats'));
  return reasons;
}

function invoiceConflicts(c: ImportCandidate, last: OrderImported): RefreshConflict[] {
  const now = new Map(c.invoices.map((i) => [i.odooInvoiceId, i]));
  return last.invoices.flatMap((before): RefreshConflict[] => {
    const inv = now.get(before.odooInvoiceId);
    if (!inv)
      return [
        conflict(`invoice ${before.odooInvoiceId} (${before.name}) was imported and is gone`),
      ];
    if (inv.totalMinor !== before.totalMinor || inv.name !== before.name) {
      return [
        conflict(
          `invoice ${before.odooInvoiceId} was imported as ${before.name} of ${before.totalMinor}, it is ${inv.name} of ${inv.totalMinor}`,
        ),
      ];
    }
    return [];
  });
}

function moved(c: ImportCandidate, last: OrderImported): boolean {
  const was = new Map(last.lines.map((l) => [l.lineNo, l]));
  const known = new Set(last.invoices.map((i) => i.odooInvoiceId));
  return (
    c.deliveries !== last.deliveries ||
    c.invoices.some((i) => !known.has(i.odooInvoiceId)) ||
    c.lines.some((l) => PROGRESS.some((f) => l[f] !== was.get(l.lineNo)?.[f]))
  );
}

/**
 * Pure: a sale order imported before, as Odoo holds it now, against the OrderImported last
 * published for it. Quantities, deliveries and invoices only grow; the lines, the header and the
 * sale order stay. Moved on: the same order (header and lines as published) with Odoo's progress
 * and an importedAt after the last one, even when the clock did not move.
 */
export function decideRefresh(
  candidate: ImportCandidate,
  last: OrderImported,
  now: number,
): RefreshDecision {
  const reasons = [
    ...headerConflicts(candidate, last),
    ...lineConflicts(candidate, last),
    ...invoiceConflicts(candidate, last),
  ];
  if (candidate.deliveries < last.deliveries) {
    reasons.push(
      conflict(`deliveries went down from ${last.deliveries} to ${candidate.deliveries}`),
    );
  }
  if (reasons.length) return { outcome: 'conflict', reasons };
  if (!moved(candidate, last)) return { outcome: 'unchanged' };
  const progress = new Map(candidate.lines.map((l) => [l.lineNo, l]));
  return {
    outcome: 'refreshed',
    data: {
      ...last,
      lines: last.lines.map((l) => ({
        ...l,
        deliveredQuantity: progress.get(l.lineNo)!.deliveredQuantity,
        invoicedQuantity: progress.get(l.lineNo)!.invoicedQuantity,
      })),
      deliveries: candidate.deliveries,
      invoices: candidate.invoices.map(({ odooInvoiceId, name, totalMinor }) => ({
        odooInvoiceId,
        name,
        totalMinor,
      })),
      importedAt: Math.max(now, last.importedAt + 1),
    },
  };
}
