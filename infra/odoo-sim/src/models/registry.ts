import type { ModelDef, Registry } from '../orm/types';
import type { VersionProfile } from '../version';
import { accountModels } from './account';
import { accountJournalModels } from './account-journal';
import { accountWizardModels } from './account-wizards';
import { automationModels } from './automation';
import { irModuleModels } from './ir-module';
import { withBaseFields } from './base-fields';
import { pricelistModels } from './pricelist';
import { productModels } from './product';
import { purchaseModels } from './purchase';
import { resModels } from './res';
import { saleModels } from './sale';
import { saleWizardModels } from './sale-wizards';
import { moveLineModel, stockMoveModels } from './stock-moves';
import { stockPickingModels } from './stock-picking';
import { stockReturnModels } from './stock-return';
import { stockSetupModels } from './stock-setup';
import { uomModels } from './uom';

/** The models this version profile exposes, with the magic fields added. */
export function buildRegistry(p: VersionProfile): Registry {
  const defs: ModelDef[] = [
    ...resModels(p),
    ...uomModels(p),
    ...productModels(p),
    ...pricelistModels(),
    ...stockSetupModels(),
    ...stockMoveModels(p),
    moveLineModel(p),
    ...stockPickingModels(p),
    ...stockReturnModels(),
    ...saleModels(p),
    ...saleWizardModels(),
    ...purchaseModels(p),
    ...accountJournalModels(),
    ...accountModels(),
    ...accountWizardModels(p),
    ...automationModels(p),
    ...irModuleModels(),
  ];
  return new Map(defs.map((d) => [d.name, withBaseFields(d, p)]));
}
