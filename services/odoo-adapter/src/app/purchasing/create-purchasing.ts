import { batchesToPlace, purchasesToSend } from '../../adapters/db/purchase-ledger';
import { pendingMessages } from '../../adapters/db/purchase-messages';
import { applySupplierMessage } from './apply-supplier-message';
import { placePurchase } from './place-purchase';
import type { PurchasingDeps } from './purchasing-deps';
import { raiseOverdue } from './raise-overdue';
import { sendPurchase } from './send-purchase';

/**
 * The purchasing loop, every `intervalMs` (and at once on `kick`): places the batches whose
 * window closed, sends placed orders to suppliers, applies stored supplier messages, raises
 * overdue confirmations. Each step's failure is logged and retried next round.
 */
export function createPurchasing(deps: PurchasingDeps & { intervalMs: number }) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;

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
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    clearTimeout(timer);
    running = round().finally(() => {
      running = undefined;
      if (stopped) return;
      if (again) {
        again = false;
        void run();
      } else timer = setTimeout(() => void run(), deps.intervalMs);
    });
    return running;
  };

  return {
    /** One round now (tests, and right after a webhook). */
    round: run,
    start() {
      stopped = false;
      void run();
    },
    /** Something is due now (a stored webhook message). */
    kick() {
      if (!stopped) void run();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export type Purchasing = ReturnType<typeof createPurchasing>;
