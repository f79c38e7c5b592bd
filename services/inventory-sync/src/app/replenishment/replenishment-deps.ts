import type { InventoryDeps } from '../inventory-deps';

export interface ReplenishmentDeps extends InventoryDeps {
  /** Proposals worth at most this (minor units) are approved at once, by 'auto'. */
  autoApproveMaxMinor: number;
}
