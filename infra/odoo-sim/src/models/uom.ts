import { bool, char, float, m2o, sel, when } from '../orm/fields';
import type { ModelDef } from '../orm/types';
import type { VersionProfile } from '../version';

export function uomModels(p: VersionProfile): ModelDef[] {
  const models: ModelDef[] = [
    {
      name: 'uom.uom',
      description: 'Product Unit of Measure',
      order: p.hasUomCategories ? 'factor DESC, id' : 'sequence, id',
      fields: {
        name: char('Unit of Measure', { required: true }),
        rounding: float('Rounding Precision', { default: 0.01 }),
        active: bool('Active', { default: true }),
        ...when(p.hasUomCategories, {
          category_id: m2o('uom.category', 'Category', { required: true }),
          uom_type: sel(
            [
              ['bigger', 'Bigger than the reference Unit of Measure'],
              ['reference', 'Reference Unit of Measure for this category'],
              ['smaller', 'Smaller than the reference Unit of Measure'],
            ],
            'Type',
            { default: 'reference' },
          ),
          factor: float('Ratio', { default: 1 }),
          factor_inv: float('Bigger Ratio', { default: 1 }),
        }),
        ...when(!p.hasUomCategories, {
          sequence: { type: 'integer' as const, string: 'Sequence', default: 10 },
          relative_factor: float('Contains', { default: 1 }),
          relative_uom_id: m2o('uom.uom', 'Reference Unit'),
          factor: float('Absolute Quantity', { default: 1 }),
        }),
      },
    },
  ];
  if (p.hasUomCategories) {
    models.push({
      name: 'uom.category',
      description: 'Product UoM Categories',
      order: 'id',
      fields: { name: char('Unit of Measure Category', { required: true }) },
    });
  }
  return models;
}
