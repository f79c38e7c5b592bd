import type { EventHandler } from '@o2c/inbox';
import type { Logger } from '@o2c/observability';
import type { Outbox } from '@o2c/outbox';
import type { Knex } from 'knex';
import type { Registry } from 'prom-client';
import type { Config } from '../../config';
import type { OdooDeps } from '../odoo-deps';
import { createRecheckLoop } from './recheck-loop';
import { routeByMode } from './route-by-mode';
import { createShadowMetrics } from './shadow-metrics';

export interface ShadowOptions {
  db: Knex;
  registry: Registry;
  outbox: Outbox;
  topicPrefix: string;
  logger: Logger;
  config: Pick<
    Config,
    'ODOO_WRITE_MODE_DEFAULT' | 'ODOO_SHADOW_MATCH_FIELD' | 'SHADOW_RECHECK_MS' | 'SHADOW_SETTLE_MS'
  >;
}

/**
 * Shadow mode and per-channel cutover: `route` puts the per-order mode in front of the live
 * outbound handler; `loop` re-compares pending checks until they match or settle.
 */
export function createShadow(deps: OdooDeps, options: ShadowOptions) {
  const { config } = options;
  const loop = createRecheckLoop({
    db: options.db,
    outbox: options.outbox,
    topicPrefix: options.topicPrefix,
    logger: options.logger,
    odoo: deps.odoo,
    metrics: createShadowMetrics(options.registry, options.db),
    matchField: config.ODOO_SHADOW_MATCH_FIELD,
    intervalMs: config.SHADOW_RECHECK_MS,
    settleMs: config.SHADOW_SETTLE_MS,
  });
  return {
    loop,
    route: (live: EventHandler) =>
      routeByMode(live, {
        ...deps,
        defaultMode: config.ODOO_WRITE_MODE_DEFAULT,
        onCheck: () => loop.kick(),
      }),
    /** A host component: the loop runs while the service does. */
    start: () => {
      loop.start();
      return Promise.resolve(() => loop.stop());
    },
  };
}
