import type { VendorBillReceived } from '@o2c/contracts';
import type { Db } from '@o2c/db';
import type { Logger } from '@o2c/observability';
import { m2oId, m2oName, type OdooRecord } from '@o2c/odoo-client';
import { eventFor, type Outbox } from '@o2c/outbox';
import { recordBill, type PurchaseFeedLedger } from '../../adapters/db/purchase-feed-ledger';
import { DomainError } from '../../domain/errors';
import type { MasterData } from '../../domain/master-data';
import type { OdooDeps } from '../odoo-deps';
import {
  odooDateMs,
  ourPurchases,
  purchaseLines,
  purchaseReceipts,
  toMinor,
} from './purchase-reads';

export interface BillFeedDeps extends OdooDeps {
  db: Db;
  outbox: Outbox;
  topicPrefix: string;
  ledger: PurchaseFeedLedger;
  logger: Logger;
}

const id = (v: unknown) => m2oId(v as never) ?? 0;

const billLine = (
  l: OdooRecord,
  lineNoOf: ReadonlyMap<number, number>,
  md: MasterData,
): VendorBillReceived['lines'][number] => {
  const productId = id(l.product_id);
  const product = md.productsById.get(productId);
  // Refreshed once by withMasterData: a product created in Odoo a minute ago is found.
  if (productId && !product)
    throw new DomainError('UNKNOWN_SKU', `product ${productId} has no SKU in Odoo`);
  return {
    lineNo: lineNoOf.get(id(l.purchase_line_id)) ?? 0,
    sku: product?.sku ?? '',
    quantity: Number(l.quantity),
    uom: md.uomCodes.get(id(l.product_uom_id)) ?? md.uomCodes.get(product?.uomId ?? 0) ?? '',
    unitPriceMinor: toMinor(l.price_unit),
  };
};

/**
 * Drafts found not to be ours (or not publishable: one bill for several purchases), by id: their
 * (write_date, total) then, and when it was seen.
 */
export type NotOurs = Map<number, { key: string; at: number }>;

/** write_date reads back in seconds: a draft not ours is read again after this, changed or not. */
const RECHECK_MS = 300_000;

const draftKey = (d: OdooRecord) => `${String(d.write_date)}|${String(d.amount_untaxed)}`;

/**
 * Draft vendor bills of our purchases → VendorBillReceived, once per bill. Drafts are few (a
 * matched bill is posted), so each poll reads them all rather than a write_date window: a bill
 * left for later is read again. A bill waits until every receipt of its purchase done in Odoo
 * has been published, so invoicing never matches a bill before the receipts it covers. Drafts
 * that are not ours (`notOurs`, kept by the caller across polls) are skipped while unchanged.
 */
export async function pollBills(deps: BillFeedDeps, notOurs: NotOurs = new Map()): Promise<number> {
  const { odoo } = deps;
  const drafts = await odoo.searchRead(
    'account.move',
    [
      ['move_type', '=', 'in_invoice'],
      ['state', '=', 'draft'],
    ],
    {
      fields: ['ref', 'currency_id', 'amount_untaxed', 'create_date', 'write_date'],
      order: 'id asc',
    },
  );
  const published = await deps.ledger.publishedBills(drafts.map((d) => d.id));
  const now = Date.now();
  for (const [billId, seen] of notOurs)
    if (now - seen.at > RECHECK_MS || !drafts.some((d) => d.id === billId)) notOurs.delete(billId);
  const fresh = drafts.filter(
    (d) => !published.has(d.id) && notOurs.get(d.id)?.key !== draftKey(d),
  );
  if (fresh.length === 0) return 0;
  const lines = await odoo.searchRead(
    'account.move.line',
    [
      ['move_id', 'in', fresh.map((d) => d.id)],
      ['display_type', '=', 'product'],
    ],
    {
      fields: [
        'move_id',
        'purchase_line_id',
        'product_id',
        'quantity',
        'price_unit',
        'product_uom_id',
      ],
      order: 'id asc',
    },
  );
  const purchaseLineIds = [...new Set(lines.map((l) => id(l.purchase_line_id)).filter(Boolean))];
  const poLines = purchaseLineIds.length
    ? await odoo.read('purchase.order.line', purchaseLineIds, ['order_id'])
    : [];
  const orderOfLine = new Map(poLines.map((l) => [l.id, id(l.order_id)]));
  const orders = await ourPurchases(odoo, [...new Set(orderOfLine.values())]);
  const context = { orderOfLine, orders, profile: await deps.profile() };
  let emitted = 0;
  for (const bill of fresh) {
    try {
      const outcome = await publishBill(bill, lines, context, deps);
      if (outcome === 'published') emitted++;
      if (outcome === 'not-ours') notOurs.set(bill.id, { key: draftKey(bill), at: now });
    } catch (error) {
      deps.logger.warn(
        { err: error, odooBillId: bill.id },
        'vendor bill not published; next poll retries',
      );
    }
  }
  return emitted;
}

interface BillContext {
  orderOfLine: ReadonlyMap<number, number>;
  orders: Awaited<ReturnType<typeof ourPurchases>>;
  profile: Awaited<ReturnType<OdooDeps['profile']>>;
}

async function publishBill(
  bill: OdooRecord,
  lines: readonly OdooRecord[],
  { orderOfLine, orders, profile }: BillContext,
  deps: BillFeedDeps,
): Promise<'published' | 'waiting' | 'not-ours'> {
  const { odoo } = deps;
  const own = lines.filter((l) => id(l.move_id) === bill.id);
  const orderIds = [
    ...new Set(own.map((l) => orderOfLine.get(id(l.purchase_line_id)) ?? 0)),
  ].filter((o) => orders.has(o));
  const [orderId] = orderIds;
  const order = orderId === undefined ? undefined : orders.get(orderId);
  if (orderId === undefined || !order) return 'not-ours';
  if (orderIds.length > 1) {
    deps.logger.warn(
      { odooBillId: bill.id, purchases: orderIds.map((o) => orders.get(o)?.purchaseId) },
      'vendor bill covers several of our purchases; not published (bill each purchase apart)',
    );
    return 'not-ours';
  }
  const { receipts } = await purchaseReceipts(odoo, profile, orderId);
  const done = receipts.filter((r) => r.state === 'done').map((r) => r.id);
  const receiptsOut = await deps.ledger.publishedReceipts(done);
  if (done.some((r) => !receiptsOut.has(r))) return 'waiting'; // receipts go out first
  const ranked = await purchaseLines(odoo, profile, orderId);
  const lineNoOf = new Map(ranked.map((l, i) => [l.id, i + 1]));
  const data: VendorBillReceived = await deps.masterData.withMasterData((md) => ({
    purchaseId: order.purchaseId,
    odooBillId: String(bill.id),
    billReference: typeof bill.ref === 'string' && bill.ref ? bill.ref : null,
    currency: m2oName(bill.currency_id as never) ?? 'EUR',
    lines: own.map((l) => billLine(l, lineNoOf, md)),
    amountUntaxedMinor: toMinor(bill.amount_untaxed),
    recordedAt: odooDateMs(bill.create_date),
  }));
  await deps.db.transaction(async (trx) => {
    await recordBill(trx, bill.id, order.purchaseId);
    await deps.outbox.append(trx, [
      eventFor('VendorBillReceived', data, {
        correlationId: order.purchaseId,
        topicPrefix: deps.topicPrefix,
      }),
    ]);
  });
  return 'published';
}
