import type { PurchaseExceptionRaised, PurchaseReceiptValidated } from '@o2c/contracts';
import { m2oId, type OdooRecord } from '@o2c/odoo-client';
import { eventFor, type Outbox, type OutboxEvent } from '@o2c/outbox';
import { recordReceipt, type PurchaseFeedLedger } from '../../adapters/db/purchase-feed-ledger';
import { DomainError } from '../../domain/errors';
import type { MasterData } from '../../domain/master-data';
import type { ChangeFeed } from '../inbound/change-feed';
import type { OdooDeps } from '../odoo-deps';
import {
  odooDateMs,
  OUR_ORIGIN,
  ourPurchases,
  purchaseLines,
  purchaseReceipts,
} from './purchase-reads';
import { receiptOutcome, type PurchaseLine, type ReceiptOutcome } from '../../domain/receipt-lines';

const skuOf = (md: MasterData, productId: number) => {
  const product = md.productsById.get(productId);
  if (!product) throw new DomainError('UNKNOWN_SKU', `product ${productId} has no SKU in Odoo`);
  return product.sku;
};

const uomCodeOf = (md: MasterData, line: PurchaseLine) => {
  const code =
    md.uomCodes.get(line.uomId) ?? md.uomCodes.get(md.productsById.get(line.productId)?.uomId ?? 0);
  if (code === undefined)
    throw new DomainError('UNKNOWN_UOM', `unit of measure ${line.uomId} is not mapped`);
  return code;
};

function receiptEvents(
  picking: OdooRecord,
  purchaseId: string,
  outcome: ReceiptOutcome,
  md: MasterData,
): OutboxEvent[] {
  const name = String(picking.name);
  const receivedAt = odooDateMs(picking.date_done);
  const receipt: PurchaseReceiptValidated = {
    purchaseId,
    odooPickingId: String(picking.id),
    odooPickingName: name,
    lines: outcome.lines.map((l) => ({
      lineNo: l.lineNo,
      sku: skuOf(md, l.line.productId),
      quantity: l.quantity,
      receivedTotal: l.receivedTotal,
      orderedQuantity: l.line.ordered,
      uom: uomCodeOf(md, l.line),
      status: l.status,
    })),
    backorder: outcome.backorder,
    receivedAt,
  };
  const meta = { correlationId: purchaseId };
  const exception = (kind: string, detail: string) =>
    eventFor(
      'PurchaseExceptionRaised',
      { purchaseId, kind, detail, raisedAt: receivedAt } satisfies PurchaseExceptionRaised,
      meta,
    );
  const figures = (l: { lineNo: number; line: PurchaseLine; receivedTotal: number }) =>
    `line ${l.lineNo} ${skuOf(md, l.line.productId)}: ${l.receivedTotal} received of ${l.line.ordered} ordered`;
  return [
    eventFor('PurchaseReceiptValidated', receipt, meta),
    ...(outcome.over.length
      ? [
          exception(
            'OVER_DELIVERY',
            `${name} received more than ordered: ${outcome.over.map(figures).join('; ')}`,
          ),
        ]
      : []),
    ...(outcome.under.length
      ? [
          exception(
            'UNDER_DELIVERY',
            `${name} closed the purchase short (no backorder): ${outcome.under.map(figures).join('; ')}`,
          ),
        ]
      : []),
  ];
}

/**
 * Receipts of our purchases validated in Odoo → PurchaseReceiptValidated once per picking (and
 * PurchaseExceptionRaised for over- and under-deliveries), through the inbound poll's write_date
 * windows. Pickings published before (a later write of a done receipt) are left out here; the
 * outbox of `receiptOutbox` records the rest in the transaction that appends their events.
 */
export function createReceiptFeed(ledger: PurchaseFeedLedger): ChangeFeed {
  return {
    model: 'stock.picking',
    domain: [
      ['picking_type_code', '=', 'incoming'],
      ['state', '=', 'done'],
      ['purchase_id', '!=', false],
      ['purchase_id.origin', '=like', OUR_ORIGIN],
    ],
    fields: ['name', 'purchase_id', 'date_done'],
    async toEvents(pickings, deps: OdooDeps) {
      const published = await ledger.publishedReceipts(pickings.map((p) => p.id));
      const fresh = pickings.filter((p) => !published.has(p.id));
      if (fresh.length === 0) return [];
      const orderOf = (p: OdooRecord) => m2oId(p.purchase_id as never) ?? 0;
      const orders = await ourPurchases(deps.odoo, [...new Set(fresh.map(orderOf))]);
      const profile = await deps.profile();
      const events: OutboxEvent[] = [];
      for (const picking of fresh) {
        const order = orders.get(orderOf(picking));
        if (!order) continue;
        const lines = await purchaseLines(deps.odoo, profile, orderOf(picking));
        const { receipts, moves } = await purchaseReceipts(deps.odoo, profile, orderOf(picking));
        const outcome = receiptOutcome(picking.id, lines, receipts, moves);
        events.push(
          ...(await deps.masterData.withMasterData((md) =>
            receiptEvents(picking, order.purchaseId, outcome, md),
          )),
        );
      }
      return events;
    },
    writtenAt: (event) =>
      event.eventType === 'PurchaseReceiptValidated'
        ? (event.data as PurchaseReceiptValidated).receivedAt
        : undefined,
  };
}

/** The outbox the receipt feed appends through: each receipt's row commits with its event. */
export function receiptOutbox(outbox: Outbox): Outbox {
  return {
    async append(trx, events) {
      const list = Array.isArray(events) ? events : [events];
      for (const e of list) {
        if (e.eventType !== 'PurchaseReceiptValidated') continue;
        const data = e.data as PurchaseReceiptValidated;
        await recordReceipt(trx, Number(data.odooPickingId), data.purchaseId);
      }
      return outbox.append(trx, list);
    },
  };
}
