import type { ModelDef, Registry } from '../orm/types';
import type { VersionProfile } from '../version';
import { accountModels } from './account';
import { accountWizardModels } from './account-wizards';
import { automationModels } from './automation';
import { withBaseFields } from './base-fields';
import { productModels } from './product';
import { purchaseModels } from './purchase';
import { resModels } from './res';
import { saleModels } from './sale';
import { saleWizardModels } from './sale-wizards';
import { moveLineModel, stockMoveModels } from './stock-moves';
import { stockPickingModels } from './stock-picking';
import { stockSetupModels } from './stock-setup';
import { uomModels } from './uom';

/** The models this version profile exposes, with the magic fields added. */
export function buildRegistry(p: VersionProfile): Registry {
  const defs: ModelDef[] = [
    ...resModels(),
    ...uomModels(p),
    ...productModels(p),
    ...stockSetupModels(),
    ...stockMoveModels(p),
    moveLineModel(p),
    ...stockPickingModels(p),
    ...saleModels(p),
    ...saleWizardModels(),
    ...purchaseModels(p),
    ...accountModels(),
    ...accountWizardModels(p),
    ...automationModels(p),
  ];
  return new Map(defs.map((d) => [d.name, withBaseFields(d, p)]));
}
