import type { Knex } from 'knex';
import { Counter, Gauge, type Registry } from 'prom-client';
import { pendingByChannel } from '../../adapters/db/shadow-ledger';
import type { Divergence } from '../../domain/shadow-compare';

export interface ShadowMetrics {
  compared(channel: string, flow: string, divergences: readonly Divergence[]): void;
}

/** o2c_shadow_compared_total, o2c_shadow_divergences_total and o2c_shadow_pending. */
export function createShadowMetrics(registry: Registry, db: Knex): ShadowMetrics {
  const compared = new Counter({
    name: 'o2c_shadow_compared_total',
    help: 'Shadow comparisons settled, by channel, flow and result (matched: Odoo holds what the adapter would have written; diverged: it still differed after SHADOW_SETTLE_MS)',
    labelNames: ['channel', 'flow', 'result'],
    registers: [registry],
  });
  const divergences = new Counter({
    name: 'o2c_shadow_divergences_total',
    help: 'Divergences shadow mode found between the writes the adapter would make and Odoo, by channel, flow and kind',
    labelNames: ['channel', 'flow', 'kind'],
    registers: [registry],
  });
  new Gauge({
    name: 'o2c_shadow_pending',
    help: 'Shadow comparisons waiting for the legacy integration (re-checked until they match or settle), by channel',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      for (const [channel, n] of await pendingByChannel(db)) this.set({ channel }, n);
    },
  });
  return {
    compared(channel, flow, found) {
      compared.inc({ channel, flow, result: found.length ? 'diverged' : 'matched' });
      for (const d of found) divergences.inc({ channel, flow, kind: d.kind });
    },
  };
}
