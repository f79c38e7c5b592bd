/**
 * How one SKU is bought for one warehouse. MIN_MAX: when projected stock is at or below `low`
 * (min), buy up to `high` (max). REORDER_POINT: at or below `low` (reorder point), buy `high`
 * (reorder quantity). Quantities are in the SKU's base unit (`uom`).
 */
export interface ReplenishmentRule {
  sku: string;
  warehouseCode: string;
  supplierCode: string;
  policy: ReplenishmentPolicy;
  low: number;
  high: number;
  /** Quantities are bought in whole packs of this many base units. */
  packSize: number;
  leadTimeDays: number;
  unitCostMinor: number;
  currency: string;
  /** A proposal's value is raised, in whole packs, to at least this (0: no minimum). */
  minOrderValueMinor: number;
  uom: string;
}

export const POLICIES = ['MIN_MAX', 'REORDER_POINT'] as const;
export type ReplenishmentPolicy = (typeof POLICIES)[number];

/** What the planner knows of a position, all in the SKU's base unit. */
export interface PositionFacts {
  onHand: number;
  reserved: number;
  /** Open backorder lines of the SKU in the warehouse: demand not yet reserved. */
  backordered: number;
  /** Still expected from purchase orders placed and not closed. */
  incoming: number;
}
