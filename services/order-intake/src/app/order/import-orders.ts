import type { Knex } from 'knex';
import { loadMasterData } from '../../adapters/db/master-data-repository';
import { findLiveImport, isLiveChannelRefConflict } from '../../adapters/db/order-repository';
import {
  decideImport,
  emptyMasterData,
  importAsSubmission,
  type ImportReason,
  type ImportRequest,
} from '../../domain/order';
import type { Cause, OrderDeps } from './order-deps';
import { recordEvents } from './record-events';

export type ImportOutcome =
  'imported' | 'refreshed' | 'cancelled' | 'duplicate' | 'skipped' | 'unmappable';

export interface ImportResult {
  channelOrderRef: string;
  odooSaleOrderId: number;
  outcome: ImportOutcome;
  orderId: string | null;
  reasons: ImportReason[];
}

const noAliases = { skus: new Map(), customers: new Map() };

/**
 * Load (the live order locked, with its last published state) → decideImport → order row + its
 * published state + timeline + outbox (OrderImported; for one cancelled in Odoo, OrderCancelled and
 * status `cancelled`), all in `trx`.
 */
export async function importOrder(
  trx: Knex.Transaction,
  candidate: ImportRequest,
  deps: OrderDeps,
  cause: Cause = {},
): Promise<ImportResult> {
  const { channelCode, channelOrderRef, odooSaleOrderId } = candidate;
  const live = await findLiveImport(trx, channelCode, channelOrderRef);
  // A duplicate, a refresh or a skip needs no master data; the codes are Odoo's: no alias applies.
  const master =
    live || candidate.refreshOnly || candidate.cancelledInOdoo
      ? emptyMasterData
      : await loadMasterData(trx, importAsSubmission(candidate), noAliases);
  const now = deps.now();
  const decision = decideImport(candidate, live, master, { now, newOrderId: deps.newOrderId });
  const base = { channelOrderRef, odooSaleOrderId };
  switch (decision.outcome) {
    case 'duplicate':
      return { ...base, outcome: 'duplicate', orderId: decision.orderId, reasons: [] };
    case 'skipped':
      return { ...base, outcome: 'skipped', orderId: null, reasons: [] };
    case 'unmappable':
      return { ...base, outcome: 'unmappable', orderId: null, reasons: decision.reasons };
    case 'imported':
    case 'refreshed': {
      const { event, outcome } = decision;
      await recordEvents(trx, { channelCode, channelOrderRef }, [event], deps, cause, now);
      return { ...base, outcome, orderId: event.data.orderId, reasons: [] };
    }
    case 'cancelled':
      await recordEvents(trx, { channelCode, channelOrderRef }, decision.events, deps, cause, now);
      return { ...base, outcome: 'cancelled', orderId: decision.orderId, reasons: [] };
  }
}

/**
 * Each candidate in its own transaction, in order: an unmappable one never holds back the others.
 * A concurrent import of the same sale order may win the live-ref index: decided again, it is a
 * refresh of it (duplicate when the same). An infrastructure error fails the batch; what committed
 * before stays, and a retry finds those as duplicates.
 */
export async function importOrders(
  candidates: readonly ImportRequest[],
  deps: OrderDeps,
  cause: Cause = {},
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const candidate of candidates) {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await deps.db.transaction((trx) => importOrder(trx, candidate, deps, cause));
        deps.onImported?.(result.outcome);
        results.push(result);
        break;
      } catch (error) {
        if (attempt >= 3 || !isLiveChannelRefConflict(error)) throw error;
      }
    }
  }
  return results;
}
