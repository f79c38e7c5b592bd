import { datetime, int, m2o, char } from '../orm/fields';
import { displayName } from '../orm/records';
import type { FieldDef, ModelDef } from '../orm/types';
import type { VersionProfile } from '../version';

/** The magic fields every regular model has. */
export function withBaseFields(def: ModelDef, p: VersionProfile): ModelDef {
  const base: Record<string, FieldDef> = {
    id: int('ID', { readonly: true }),
    display_name: char('Display Name', {
      compute: (env, rec) => displayName(env, def.name, rec.id),
    }),
    create_date: datetime('Created on', { readonly: true }),
    create_uid: m2o('res.users', 'Created by', { readonly: true }),
    write_date: datetime('Last Updated on', { readonly: true }),
    write_uid: m2o('res.users', 'Last Updated by', { readonly: true }),
  };
  if (p.version === 16) {
    base.__last_update = datetime('Last Modified on', {
      compute: (_env, rec) => rec.write_date ?? false,
    });
  }
  return { ...def, fields: { ...base, ...def.fields } };
}
