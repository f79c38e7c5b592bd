import type { MasterData } from './types';

/** No reference data at all: what a command that validates nothing (CancelOrder) is decided with. */
export const emptyMasterData: MasterData = {
  skus: new Map(),
  uoms: new Map(),
  customers: new Map(),
  warehouses: new Map(),
  defaultWarehouse: '',
  aliases: { skus: new Map(), customers: new Map() },
};
