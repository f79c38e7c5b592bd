import type { OdooClient } from '@o2c/odoo-client';
import {
  compareCancellation,
  compareDelivery,
  compareInvoice,
  compareSaleOrder,
  type Divergence,
  type ShadowFlow,
  type ShadowLine,
} from '../../domain/shadow-compare';
import { deliveriesOf, invoicesOf, legacySaleOrder, legacySaleOrderLines } from './shadow-reads';

/** What a shadow check compares, recorded when its event was handled. */
export type CheckPayload =
  | { flow: 'SALE_ORDER'; channelOrderRef: string; currency: string; lines: ShadowLine[] }
  | { flow: 'CANCELLATION'; channelOrderRef: string }
  | { flow: 'DELIVERY'; channelOrderRef: string; shipmentId: string; lastShipment: boolean }
  | {
      flow: 'INVOICE';
      channelOrderRef: string;
      invoiceId: string;
      totalMinor: number;
      currency: string;
    };

export const SHADOW_FLOWS: readonly ShadowFlow[] = [
  'SALE_ORDER',
  'CANCELLATION',
  'DELIVERY',
  'INVOICE',
];

export interface Comparison {
  divergences: Divergence[];
  /** The legacy sale order compared, when found. */
  saleOrderId?: number;
  /** DELIVERY matched: the delivery Odoo validated last (reported as OdooDeliveryValidated). */
  validated?: { pickingId: number; writeDate: number };
}

/** Reads what Odoo holds for the check's flow (reads only) and compares it. */
export async function compareCheck(
  odoo: OdooClient,
  matchField: string,
  payload: CheckPayload,
): Promise<Comparison> {
  const so = await legacySaleOrder(odoo, matchField, payload.channelOrderRef);
  const saleOrderId = so?.id;
  const done = (divergences: Divergence[]): Comparison =>
    saleOrderId === undefined ? { divergences } : { divergences, saleOrderId };
  switch (payload.flow) {
    case 'SALE_ORDER':
      return done(compareSaleOrder(payload, so && (await legacySaleOrderLines(odoo, so))));
    case 'CANCELLATION':
      return done(compareCancellation(payload.channelOrderRef, so));
    case 'DELIVERY': {
      const pickings = so ? await deliveriesOf(odoo, so.id) : [];
      const found = done(
        compareDelivery(payload.channelOrderRef, so, pickings, payload.lastShipment),
      );
      const last = pickings
        .filter((p) => p.state === 'done')
        .sort((a, b) => b.writeDate - a.writeDate)[0];
      if (found.divergences.length === 0 && last)
        found.validated = { pickingId: last.id, writeDate: last.writeDate };
      return found;
    }
    case 'INVOICE':
      return done(compareInvoice(payload, so, so ? await invoicesOf(odoo, so.name) : []));
  }
}
