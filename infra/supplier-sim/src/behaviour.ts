import { z } from 'zod';

/** How a supplier answers purchase orders (POST /__sim/suppliers/:code/behaviour). */
export const BehaviourBody = z.object({
  mode: z.enum(['confirm', 'partial', 'delay-date', 'refuse', 'silent']),
  /** partial: the share of each quantity confirmed (rounded down). */
  ratio: z.number().min(0).max(1).optional(),
  /** delay-date: days added to the asked arrival date. */
  days: z.number().int().min(0).optional(),
  /** 503 to this many purchase-order posts first (then the mode applies). */
  failFirst: z.number().int().min(0).optional(),
});
export type Behaviour = z.infer<typeof BehaviourBody>;

export const PurchaseOrderBody = z.object({
  purchaseId: z.string().min(1),
  supplierCode: z.string().min(1),
  odooReference: z.string(),
  warehouseCode: z.string(),
  currency: z.string(),
  datePlanned: z.iso.datetime({ offset: true }),
  lines: z
    .array(
      z.object({
        lineNo: z.number().int().positive(),
        sku: z.string(),
        quantity: z.number().min(0),
        uom: z.string(),
        unitPriceMinor: z.number().int(),
      }),
    )
    .min(1),
  callbackUrl: z.url(),
});
export type PurchaseOrder = z.infer<typeof PurchaseOrderBody>;

/** The webhook body a supplier sends back (odoo-adapter's POST /webhooks/suppliers). */
export interface SupplierAnswer {
  eventId: string;
  purchaseId: string;
  status: 'confirmed' | 'changed' | 'refused';
  supplierReference?: string;
  datePlanned?: string;
  lines?: Array<{ lineNo: number; quantity: number }>;
  reason?: string;
}

export const DEFAULT_BEHAVIOUR: Behaviour = { mode: 'confirm' };
const DAY_MS = 86_400_000;

/**
 * What a supplier behaving so answers to an order (pure); undefined when it stays silent.
 * confirm: as ordered; partial: floor(quantity × ratio) per line (ratio 0.5 by default);
 * delay-date: the arrival `days` later (7 by default); refuse: a refusal with a reason.
 */
export function answerTo(
  order: PurchaseOrder,
  behaviour: Behaviour,
  ids: { eventId: string; supplierReference: string },
): SupplierAnswer | undefined {
  const base = { eventId: ids.eventId, purchaseId: order.purchaseId };
  const asOrdered = order.lines.map((l) => ({ lineNo: l.lineNo, quantity: l.quantity }));
  switch (behaviour.mode) {
    case 'silent':
      return undefined;
    case 'refuse':
      return {
        ...base,
        status: 'refused',
        reason: `supplier ${order.supplierCode} cannot deliver`,
      };
    case 'partial': {
      const ratio = behaviour.ratio ?? 0.5;
      return {
        ...base,
        status: 'changed',
        supplierReference: ids.supplierReference,
        datePlanned: order.datePlanned,
        lines: order.lines.map((l) => ({
          lineNo: l.lineNo,
          quantity: Math.max(0, Math.floor(l.quantity * ratio + 1e-9)),
        })),
      };
    }
    case 'delay-date':
      return {
        ...base,
        status: 'changed',
        supplierReference: ids.supplierReference,
        datePlanned: new Date(
          Date.parse(order.datePlanned) + (behaviour.days ?? 7) * DAY_MS,
        ).toISOString(),
        lines: asOrdered,
      };
    case 'confirm':
      return {
        ...base,
        status: 'confirmed',
        supplierReference: ids.supplierReference,
        datePlanned: order.datePlanned,
        lines: asOrdered,
      };
  }
}
