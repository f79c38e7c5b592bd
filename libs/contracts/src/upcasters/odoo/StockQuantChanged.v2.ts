import type { StockQuantChangedV1, StockQuantChangedV2 } from '../../generated/odoo';

/** v2 added when the adapter read the figure: a v1 figure does not say. */
export const upcast = (v1: StockQuantChangedV1): StockQuantChangedV2 => ({ ...v1, readAt: null });
