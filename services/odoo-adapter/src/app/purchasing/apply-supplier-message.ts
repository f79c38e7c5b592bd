import { eventFor } from '@o2c/outbox';
import type { Knex } from 'knex';
import {
  findPurchase,
  markConfirmed,
  markRefused,
  type PurchaseRow,
} from '../../adapters/db/purchase-ledger';
import {
  messageApplied,
  messageFailed,
  type MessageRow,
  type SupplierMessage,
} from '../../adapters/db/purchase-messages';
import { toOdooDate } from '../../domain/poll-window';
import { linesOf } from './place-purchase';
import { backoffMs } from '../../domain/purchase-lines';
import { messageOf, permanentCode, PurchaseRefusal, type PurchasingDeps } from './purchasing-deps';

type Applied = { outcome: string; write?: (trx: Knex.Transaction) => Promise<void> };

/** refused → button_cancel in Odoo, then PurchaseOrderRefused and a SUPPLIER_REFUSED exception. */
async function refuse(purchase: PurchaseRow, msg: SupplierMessage, deps: PurchasingDeps) {
  const odooId = purchase.odoo_id!;
  const [po] = await deps.odoo.read('purchase.order', [odooId], ['state']);
  if (po?.state !== 'cancel')
    await deps.odoo.call('purchase.order', 'button_cancel', { ids: [odooId] });
  const reason = msg.reason ?? 'no reason given';
  const meta = { correlationId: purchase.purchase_id, topicPrefix: deps.topicPrefix };
  const now = Date.now();
  return {
    outcome: 'refused',
    write: async (trx: Knex.Transaction) => {
      await markRefused(trx, purchase.purchase_id);
      await deps.outbox.append(trx, [
        eventFor(
          'PurchaseOrderRefused',
          { purchaseId: purchase.purchase_id, reason, refusedAt: now },
          meta,
        ),
        eventFor(
          'PurchaseExceptionRaised',
          {
            purchaseId: purchase.purchase_id,
            kind: 'SUPPLIER_REFUSED',
            detail: `supplier ${purchase.supplier_code} refused ${purchase.odoo_reference ?? purchase.purchase_id}: ${reason}`,
            raisedAt: now,
          },
          meta,
        ),
      ]);
    },
  };
}

/**
 * confirmed/changed → every line's confirmed quantity written together with its date (the new one,
 * else the line's own) into Odoo, the supplier's reference on the order, then
 * PurchaseOrderConfirmed with every line at its confirmed quantity. A real Odoo 17 adjusts the open
 * receipt's move in place only when the date comes with the quantity: a quantity alone resets the
 * line's date, adds a second move for a raise and opens a return to the vendor for a cut.
 */
async function confirm(purchase: PurchaseRow, msg: SupplierMessage, deps: PurchasingDeps) {
  const odooId = purchase.odoo_id!;
  const placed = purchase.lines ?? [];
  const confirmedQty = new Map<number, number>();
  for (const l of msg.lines ?? []) {
    if (!placed.some((p) => p.lineNo === l.lineNo))
      throw new PurchaseRefusal('UNKNOWN_LINE', `${purchase.purchase_id} has no line ${l.lineNo}`);
    confirmedQty.set(l.lineNo, l.quantity);
  }
  const plannedMs = purchase.date_planned?.getTime() ?? Date.now();
  const datePlanned = msg.datePlanned ? Date.parse(msg.datePlanned) : plannedMs;
  const odooLines = await linesOf(deps.odoo, odooId);
  for (const [lineNo, quantity] of confirmedQty) {
    const line = odooLines[lineNo - 1];
    if (line === undefined)
      throw new PurchaseRefusal('UNKNOWN_LINE', `Odoo order ${odooId} has no line ${lineNo}`);
    const date = msg.datePlanned ? toOdooDate(datePlanned) : line.date_planned;
    await deps.odoo.write('purchase.order.line', [line.id], {
      product_qty: quantity,
      ...(date ? { date_planned: date } : {}),
    });
  }
  if (msg.datePlanned)
    for (const [i, line] of odooLines.entries())
      if (!confirmedQty.has(i + 1))
        await deps.odoo.write('purchase.order.line', [line.id], {
          date_planned: toOdooDate(datePlanned),
        });
  if (msg.supplierReference)
    await deps.odoo.write('purchase.order', [odooId], { partner_ref: msg.supplierReference });
  const lines = placed.map((l) => ({
    lineNo: l.lineNo,
    sku: l.sku,
    uom: l.uom,
    quantity: confirmedQty.get(l.lineNo) ?? l.quantity,
  }));
  const changed =
    msg.status === 'changed' ||
    datePlanned !== plannedMs ||
    lines.some((l, i) => l.quantity !== placed[i]?.quantity);
  return {
    outcome: changed ? 'confirmed-changed' : 'confirmed',
    write: async (trx: Knex.Transaction) => {
      await markConfirmed(trx, purchase.purchase_id);
      await deps.outbox.append(trx, [
        eventFor(
          'PurchaseOrderConfirmed',
          {
            purchaseId: purchase.purchase_id,
            changed,
            supplierReference: msg.supplierReference ?? null,
            lines,
            datePlanned,
            confirmedAt: Date.now(),
          },
          { correlationId: purchase.purchase_id, topicPrefix: deps.topicPrefix },
        ),
      ]);
    },
  };
}

/**
 * Applies one stored supplier message to Odoo and the platform. A message on a refused or failed
 * purchase is recorded and ignored; Odoo down: retried with back-off (the message is kept); a
 * change Odoo refuses for good is recorded as failed with Odoo's reason.
 */
export async function applySupplierMessage(row: MessageRow, deps: PurchasingDeps): Promise<void> {
  const msg = row.body;
  const purchase = await findPurchase(deps.db, row.purchase_id);
  try {
    let applied: Applied;
    if (!purchase?.odoo_id || purchase.state === 'REFUSED' || purchase.state === 'FAILED')
      applied = { outcome: `ignored: purchase is ${purchase?.state ?? 'unknown'}` };
    else if (msg.status === 'refused') applied = await refuse(purchase, msg, deps);
    else applied = await confirm(purchase, msg, deps);
    await deps.db.transaction(async (trx) => {
      await messageApplied(trx, row.event_id, applied.outcome);
      await applied.write?.(trx);
    });
    deps.logger.info(
      { purchaseId: row.purchase_id, eventId: row.event_id, outcome: applied.outcome },
      'supplier message applied',
    );
  } catch (error) {
    if (permanentCode(error)) {
      await deps.db.transaction((trx) =>
        messageApplied(trx, row.event_id, `failed: ${messageOf(error)}`),
      );
      deps.logger.error(
        { err: error, purchaseId: row.purchase_id, eventId: row.event_id },
        'supplier message cannot be applied; recorded as failed',
      );
      return;
    }
    const delay = backoffMs(deps.retryBaseMs, row.attempts);
    await messageFailed(deps.db, row.event_id, messageOf(error), delay);
    deps.logger.warn(
      { err: error, purchaseId: row.purchase_id, eventId: row.event_id, retryInMs: delay },
      'applying the supplier message failed; retried',
    );
  }
}
