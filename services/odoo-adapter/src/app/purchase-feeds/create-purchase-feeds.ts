import type { Logger } from '@o2c/observability';
import { createEventRouter, type EventRouter } from '@o2c/platform';
import type { PurchaseFeedLedger } from '../../adapters/db/purchase-feed-ledger';
import { pollFeed, type PollDeps } from '../inbound/poll-feed';
import { classify } from '../outbound/handle-outbound';
import { pollBills, type NotOurs } from './bill-feed';
import { postMatchedBill, recordMismatchedBill, type PostBillDeps } from './post-matched-bill';
import { createReceiptFeed, receiptOutbox } from './receipt-feed';

export interface PurchaseFeedsDeps extends PollDeps, PostBillDeps {
  ledger: PurchaseFeedLedger;
  logger: Logger;
  /** 0 turns the receipt and bill polls off. */
  intervalMs: number;
}

/**
 * The purchase side of the inbound feeds: every `intervalMs`, receipts of our purchases done in
 * Odoo (the inbound poll's write_date windows), then their draft vendor bills, in that order,
 * so a bill whose receipts were just published goes out in the same round.
 */
export function createPurchaseFeeds(deps: PurchaseFeedsDeps) {
  const receipts = createReceiptFeed(deps.ledger);
  const receiptDeps = { ...deps, outbox: receiptOutbox(deps.outbox) };
  const notOurs: NotOurs = new Map();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const step = async (what: string, run: () => Promise<number>) => {
    try {
      const emitted = await run();
      if (emitted) deps.logger.info({ feed: what, emitted }, 'purchase feed emitted');
    } catch (error) {
      deps.logger.warn({ err: error, feed: what }, 'polling Odoo failed; next round retries');
    }
  };
  const pollAll = async () => {
    await step('receipts', () => pollFeed(receipts, receiptDeps));
    await step('vendor bills', () => pollBills(deps, notOurs));
  };
  const schedule = () => {
    if (stopped || deps.intervalMs === 0) return;
    timer = setTimeout(() => {
      running = pollAll().finally(schedule);
    }, deps.intervalMs);
  };
  return {
    pollAll,
    start: schedule,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** billing.vendor-bills: a matched bill is posted in Odoo, a mismatched one stays a draft. */
export function vendorBillRoutes(deps: PostBillDeps & { onMismatch?: () => void }): EventRouter {
  return createEventRouter({ mapError: classify })
    .on('VendorBillMatched', async (matched, { trx, logger }) => {
      const action = await postMatchedBill(trx, matched, deps);
      logger.info(
        {
          purchaseId: matched.purchaseId,
          odoo: { model: 'account.move', id: Number(matched.odooBillId), action },
        },
        'vendor bill matched',
      );
    })
    .on('VendorBillMismatched', async (mismatched, { trx, logger }) => {
      await recordMismatchedBill(trx, mismatched);
      deps.onMismatch?.();
      logger.warn(
        {
          purchaseId: mismatched.purchaseId,
          odooBillId: mismatched.odooBillId,
          mismatches: mismatched.mismatches.map((m) => `${m.lineNo}:${m.sku}:${m.kind}`),
        },
        'vendor bill mismatched: left a draft in Odoo for finance',
      );
    });
}
