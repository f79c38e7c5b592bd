import { batchesToPlace, purchasesToSend } from '../../adapters/db/purchase-ledger';
import { pendingMessages } from '../../adapters/db/purchase-messages';
import { applySupplierMessage } from './apply-supplier-message';
import { placePurchase } from './place-purchase';
import type { PurchasingDeps } from './purchasing-deps';
import { raiseOverdue } from './raise-overdue';
import { sendPurchase } from './send-purchase';
import { createRoundLoop } from '../round-loop';

/**
 * The purchasing loop, every `intervalMs` (and at once on `kick`): places the batches whose
 * window closed, sends placed orders to suppliers, applies stored supplier messages, raises
 * overdue confirmations. Each step's failure is logged and retried next round.
 */
export function createPurchasing(deps: PurchasingDeps & { intervalMs: number }) {
  const step = async (name: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      deps.logger.warn({ err: error, step: name }, 'purchasing step failed; next round retries');
    }
  };
  const round = async () => {
    await step('place', async () => {
      for (const batch of await batchesToPlace(deps.db)) await placePurchase(batch, deps);
    });
    await step('send', async () => {
      if (!deps.supplierUrl) return;
      for (const p of await purchasesToSend(deps.db)) await sendPurchase(p, deps);
    });
    await step('apply supplier messages', async () => {
      for (const m of await pendingMessages(deps.db)) await applySupplierMessage(m, deps);
    });
    await step('overdue', () => raiseOverdue(deps));
  };
  return createRoundLoop(round, deps.intervalMs);
}

export type Purchasing = ReturnType<typeof createPurchasing>;
