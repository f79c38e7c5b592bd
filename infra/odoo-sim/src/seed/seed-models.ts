import { createRecords } from '../orm/write';
import type { Env } from '../orm/types';

/** ir.model, ir.model.fields and selection values mirror the registry, as in a real database. */
export function seedModelReflection(env: Env): void {
  for (const [name, def] of env.registry) {
    const [modelId] = createRecords(env, 'ir.model', [
      { name: def.description, model: name, transient: def.transient ?? false },
    ]);
    for (const [fname, field] of Object.entries(def.fields)) {
      const [fieldId] = createRecords(env, 'ir.model.fields', [
        {
          name: fname,
          model: name,
          model_id: modelId,
          field_description: field.string,
          ttype: field.type,
          relation: field.relation ?? false,
        },
      ]);
      if (field.selection) {
        createRecords(
          env,
          'ir.model.fields.selection',
          field.selection.map(([value, label], i) => ({
            field_id: fieldId,
            value,
            name: label,
            sequence: i,
          })),
        );
      }
    }
  }
}
