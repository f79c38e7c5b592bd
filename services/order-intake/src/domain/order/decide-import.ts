import type { OrderImported } from '@o2c/contracts';
import { decideImportCancel } from './decide-import-cancel';
import { decideRefresh } from './decide-refresh';
import type { RejectionCode } from './rejection';
import type {
  DecideContext,
  ImportCandidate,
  ImportRequest,
  MasterData,
  OrderEvent,
  OrderState,
  SubmitOrder,
} from './types';
import { validateHeader } from './validate-header';
import { validateLines } from './validate-lines';

/** Why a candidate cannot be imported: a submitted order's reason code, on a sale order line or not. */
export interface ImportReason {
  code: RejectionCode | 'IMPORT_CONFLICT';
  message: string;
  lineNo?: number;
}

type Published = { type: 'OrderImported'; data: OrderImported };

export type ImportDecision =
  | { outcome: 'duplicate'; orderId: string }
  | { outcome: 'skipped' }
  | { outcome: 'unmappable'; reasons: ImportReason[] }
  | { outcome: 'imported'; event: Published }
  | { outcome: 'refreshed'; event: Published }
  | { outcome: 'cancelled'; orderId: string; events: OrderEvent[] };

/** The live order of the candidate's channel ref; for an imported one, what was last published. */
export type LiveOrder = OrderState & { lastImported?: OrderImported };

/**
 * The candidate as a submission, for the master data it refers to and the checks submitted orders
 * pass. Its codes are already Odoo's, so no channel alias applies, and it carries no address.
 */
export const importAsSubmission = (c: ImportCandidate): SubmitOrder['data'] => ({
  channelCode: c.channelCode,
  channelOrderRef: c.channelOrderRef,
  customerRef: c.customerId,
  currency: c.currency,
  warehouseCode: c.warehouseCode,
  shipTo: null,
  lines: c.lines.map((l) => ({
    sku: l.sku,
    quantity: l.quantity,
    uom: l.uom,
    unitPriceMinor: l.unitPriceMinor,
  })),
});

// Odoo ships to the sale order's own address: the customer's default one need not be complete.
const NOT_FOR_IMPORTS: ReadonlySet<RejectionCode> = new Set(['MISSING_ADDRESS']);

const lineIndex = (field: string | null) => /^lines\[(\d+)\]/.exec(field ?? '')?.[1];

function repeatedLineNos(c: ImportCandidate): ImportReason[] {
  const seen = new Set<number>();
  return c.lines.flatMap(({ lineNo }) => {
    if (!seen.has(lineNo)) {
      seen.add(lineNo);
      return [];
    }
    return [{ code: 'DUPLICATE_LINE' as const, message: `line number ${lineNo} repeats`, lineNo }];
  });
}

function refresh(candidate: ImportCandidate, live: LiveOrder, now: number): ImportDecision {
  if (!live.lastImported) {
    const message = `order ${live.orderId} is imported but its published state is not known`;
    return { outcome: 'unmappable', reasons: [{ code: 'IMPORT_CONFLICT', message }] };
  }
  const decision = decideRefresh(candidate, live.lastImported, now);
  switch (decision.outcome) {
    case 'unchanged':
      return { outcome: 'duplicate', orderId: live.orderId };
    case 'conflict':
      return { outcome: 'unmappable', reasons: decision.reasons };
    case 'refreshed':
      return { outcome: 'refreshed', event: { type: 'OrderImported', data: decision.data } };
  }
}

/**
 * Pure: import a sale order Odoo holds as a platform order, refresh the one imported before, or
 * say why not. A platform order of the same channel ref makes it a duplicate; an imported one is
 * refreshed (see decideRefresh: duplicate when unchanged, unmappable IMPORT_CONFLICT when it
 * contradicts what was published), its master data not checked again. A refresh-only candidate
 * nobody imported is skipped; one cancelled in Odoo is decided by decideImportCancel. Otherwise
 * codes the master data does not know (or has archived) make it unmappable, with the reason codes
 * a submitted order would get and no event at all.
 */
export function decideImport(
  candidate: ImportRequest,
  live: LiveOrder | undefined,
  master: MasterData,
  ctx: DecideContext,
): ImportDecision {
  if (candidate.cancelledInOdoo) return decideImportCancel(candidate, live, ctx.now);
  if (live && live.status === 'imported') return refresh(candidate, live, ctx.now);
  if (live && live.status !== 'rejected') return { outcome: 'duplicate', orderId: live.orderId };
  if (candidate.refreshOnly) return { outcome: 'skipped' };
  const submitted = importAsSubmission(candidate);
  const { header, reasons: headerReasons } = validateHeader(submitted, master);
  const { lines, reasons: lineReasons } = validateLines(submitted.lines, master);
  const reasons: ImportReason[] = [...headerReasons, ...lineReasons]
    .filter((r) => !NOT_FOR_IMPORTS.has(r.code))
    .map(({ code, message, field }) => {
      const index = lineIndex(field);
      const lineNo = index === undefined ? undefined : candidate.lines[Number(index)]?.lineNo;
      return lineNo === undefined ? { code, message } : { code, message, lineNo };
    });
  reasons.push(...repeatedLineNos(candidate));
  if (reasons.length) return { outcome: 'unmappable', reasons };
  // Only MISSING_ADDRESS can leave the header undefined once the other reasons are gone.
  const customerId = header?.customerId ?? candidate.customerId.trim();
  const currency = header?.currency ?? candidate.currency.trim();
  const warehouseCode = header?.warehouseCode ?? candidate.warehouseCode.trim();
  return {
    outcome: 'imported',
    event: {
      type: 'OrderImported',
      data: {
        orderId: ctx.newOrderId(),
        channelCode: candidate.channelCode,
        channelOrderRef: candidate.channelOrderRef,
        customerId,
        warehouseCode,
        currency,
        lines: candidate.lines.map((l, i) => ({
          lineNo: l.lineNo,
          sku: lines[i]?.sku ?? l.sku,
          quantity: l.quantity,
          uom: lines[i]?.uom ?? l.uom,
          unitPriceMinor: l.unitPriceMinor,
          deliveredQuantity: l.deliveredQuantity,
          invoicedQuantity: l.invoicedQuantity,
        })),
        totalMinor: candidate.totalMinor,
        odooSaleOrderId: candidate.odooSaleOrderId,
        odooSaleOrderName: candidate.odooSaleOrderName,
        odooClientOrderRef: candidate.odooClientOrderRef ?? null,
        deliveries: candidate.deliveries,
        invoices: candidate.invoices.map((inv) => ({
          odooInvoiceId: inv.odooInvoiceId,
          name: inv.name,
          totalMinor: inv.totalMinor,
        })),
        orderedAt: candidate.orderedAt,
        importedAt: ctx.now,
      },
    },
  };
}
