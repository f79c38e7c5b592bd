import { afterCommit } from '@o2c/db';
import type { Logger } from '@o2c/observability';
import type { OdooClient } from '@o2c/odoo-client';
import { eventFor, type Outbox } from '@o2c/outbox';
import type { Knex } from 'knex';
import {
  claimDueChecks,
  recordDivergences,
  recordMatchedSaleOrder,
  retryCheck,
  settleCheck,
  type ShadowCheck,
} from '../../adapters/db/shadow-ledger';
import type { ShadowFlow } from '../../domain/shadow-compare';
import { compareCheck, type CheckPayload } from './compare-check';
import type { ShadowMetrics } from './shadow-metrics';
import { createRoundLoop } from '../round-loop';

export interface RecheckDeps {
  db: Knex;
  odoo: OdooClient;
  outbox: Outbox;
  topicPrefix: string;
  logger: Logger;
  metrics: ShadowMetrics;
  /** ODOO_SHADOW_MATCH_FIELD: the sale.order field the legacy integration keys orders by. */
  matchField: string;
  /** SHADOW_RECHECK_MS */
  intervalMs: number;
  /** SHADOW_SETTLE_MS: how long the legacy path may lag before a difference is a divergence. */
  settleMs: number;
  batchSize?: number;
}

/**
 * The old integration validated the shipment's delivery: the same OdooDeliveryValidated the live
 * path emits, so inventory-sync stops counting the shipment apart once Odoo's stock includes it.
 */
async function reportValidated(
  trx: Knex.Transaction,
  check: ShadowCheck,
  shipmentId: string,
  validated: { pickingId: number; writeDate: number },
  deps: RecheckDeps,
) {
  const event = eventFor(
    'OdooDeliveryValidated',
    {
      aggregateId: check.orderId,
      orderId: check.orderId,
      shipmentId,
      odooPickingId: String(validated.pickingId),
      odooWriteDate: validated.writeDate,
      validatedAt: Date.now(),
    },
    { correlationId: check.orderId, topicPrefix: deps.topicPrefix },
  );
  await deps.outbox.append(trx, [{ ...event, causationId: check.sourceEventId }]);
}

/**
 * One check: matched, settled as diverged (its divergences recorded once each and announced on
 * odoo.shadow in the same transaction), or compared again later: the legacy path may not have
 * written yet, and an Odoo that cannot be read is never a divergence.
 */
async function recheck(trx: Knex.Transaction, check: ShadowCheck, deps: RecheckDeps) {
  const payload = { ...check.payload, flow: check.flow } as CheckPayload;
  let found;
  try {
    found = await compareCheck(deps.odoo, deps.matchField, payload);
  } catch (error) {
    await retryCheck(trx, check.sourceEventId, deps.intervalMs, (error as Error).message);
    return;
  }
  if (found.saleOrderId !== undefined)
    await recordMatchedSaleOrder(trx, check.orderId, found.saleOrderId);
  const flow = check.flow as ShadowFlow;
  if (found.divergences.length === 0) {
    if (found.validated && payload.flow === 'DELIVERY')
      await reportValidated(trx, check, payload.shipmentId, found.validated, deps);
    await settleCheck(trx, check.sourceEventId, 'matched');
    afterCommit(trx, () => deps.metrics.compared(check.channelCode, flow, []));
    return;
  }
  const now = Date.now();
  if (now - check.firstAt.getTime() < deps.settleMs) {
    await retryCheck(trx, check.sourceEventId, deps.intervalMs);
    return;
  }
  const fresh = await recordDivergences(trx, { ...check, flow }, found.divergences, new Date(now));
  await deps.outbox.append(
    trx,
    fresh.map((d) => ({
      ...eventFor(
        'ShadowDivergenceDetected',
        {
          orderId: check.orderId,
          channelCode: check.channelCode,
          flow,
          ...d,
          sourceEventId: check.sourceEventId,
          detectedAt: now,
        },
        { correlationId: check.orderId, topicPrefix: deps.topicPrefix },
      ),
      causationId: check.sourceEventId,
    })),
  );
  await settleCheck(trx, check.sourceEventId, 'diverged');
  afterCommit(trx, () => deps.metrics.compared(check.channelCode, flow, fresh));
  deps.logger.warn(
    { orderId: check.orderId, channel: check.channelCode, flow, kinds: fresh.map((d) => d.kind) },
    'shadow: Odoo differs from what the adapter would have written',
  );
}

/**
 * The re-check loop, every `intervalMs` (and at once on `kick`): compares the due pending checks
 * (locked, so replicas share the work) until each matches or settles.
 */
export function createRecheckLoop(deps: RecheckDeps) {
  const batchSize = deps.batchSize ?? 20;
  return createRoundLoop(async (stopping) => {
    try {
      for (;;) {
        const claimed = await deps.db.transaction(async (trx) => {
          const due = await claimDueChecks(trx, batchSize);
          for (const check of due) await recheck(trx, check, deps);
          return due.length;
        });
        if (claimed < batchSize || stopping()) return;
      }
    } catch (error) {
      deps.logger.warn({ err: error }, 'shadow re-check failed; next round retries');
    }
  }, deps.intervalMs);
}
