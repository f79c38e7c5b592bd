/** A many2one value as Odoo sends it: `[id, display_name]`, a bare id (`load: null`, webhooks) or `false`. */
export type Many2oneValue = readonly [number, string] | number | false | null | undefined;

/** The id of a many2one value, or null when it is empty. */
export function m2oId(value: Many2oneValue): number | null {
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  return null;
}

/** The display name of a `[id, name]` many2one value, or null. */
export function m2oName(value: Many2oneValue): string | null {
  return Array.isArray(value) && typeof value[1] === 'string' ? value[1] : null;
}
