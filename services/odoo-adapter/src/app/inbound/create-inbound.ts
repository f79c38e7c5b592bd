import type { Logger } from '@o2c/observability';
import type { ChangeFeed } from './change-feed';
import { ingestChanges } from './ingest-changes';
import { pollFeed, type PollDeps } from './poll-feed';

/**
 * Inbound side: polls each feed every `intervalMs` (the safety net) and takes webhook hints for
 * single records (the fast path). Both go through the same dedupe, so they never double-emit.
 */
export function createInbound(
  feeds: readonly ChangeFeed[],
  deps: PollDeps & { logger: Logger; intervalMs: number },
) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const pollAll = async () => {
    for (const feed of feeds) {
      try {
        const emitted = await pollFeed(feed, deps);
        if (emitted) deps.logger.info({ model: feed.model, emitted }, 'Odoo changes emitted');
      } catch (error) {
        deps.logger.warn(
          { err: error, model: feed.model },
          'polling Odoo failed; next round retries',
        );
      }
    }
  };
  const schedule = () => {
    if (stopped || deps.intervalMs === 0) return;
    timer = setTimeout(() => {
      running = pollAll().finally(schedule);
    }, deps.intervalMs);
  };

  return {
    models: feeds.map((f) => f.model),
    pollAll,
    start() {
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    /** A webhook said record `id` of `model` changed: re-read it and emit if it is new. */
    async onWebhook(model: string, id: number): Promise<number> {
      const feed = feeds.find((f) => f.model === model);
      if (!feed) return 0;
      const records = await deps.odoo.searchRead(model, [...feed.domain, ['id', '=', id]], {
        fields: [...feed.fields, 'write_date'],
      });
      return deps.db.transaction((trx) => ingestChanges(trx, feed, records, deps));
    },
  };
}
