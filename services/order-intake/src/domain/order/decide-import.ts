import type { OrderImported } from '@o2c/contracts';
import type { RejectionCode } from './rejection';
import type { DecideContext, ImportCandidate, MasterData, OrderState, SubmitOrder } from './types';
import { validateHeader } from './validate-header';
import { validateLines } from './validate-lines';

/** Why a candidate cannot be imported: a submitted order's reason code, on a sale order line or not. */
export interface ImportReason {
  code: RejectionCode;
  message: string;
  lineNo?: number;
}

export type ImportDecision =
  | { outcome: 'duplicate'; orderId: string }
  | { outcome: 'unmappable'; reasons: ImportReason[] }
  | { outcome: 'imported'; event: { type: 'OrderImported'; data: OrderImported } };

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

/**
 * Pure: import a sale order Odoo holds as a platform order, or say why not. A live order of the
 * same channel ref makes it a duplicate; codes the master data does not know (or has archived)
 * make it unmappable, with the reason codes a submitted order would get and no event at all.
 */
export function decideImport(
  candidate: ImportCandidate,
  live: OrderState | undefined,
  master: MasterData,
  ctx: DecideContext,
): ImportDecision {
  if (live && live.status !== 'rejected') return { outcome: 'duplicate', orderId: live.orderId };
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
