/**
 * The comparable shape of a normalised body, flattened: path (array indices as `[]`) → what is
 * there. Types everywhere; the value too where it is stable between servers given the same
 * calls: booleans, markers and tokens ("<datetime>", "$so", "S#####"), error names and texts,
 * states and action types, the quantities and prices the recorder chose, and with `countResult`
 * the length of a top-level result list.
 */
const STABLE_STRING_KEYS = new Set([
  'state',
  'type',
  'res_model',
  'move_type',
  'picking_type_code',
  'tag',
  'target',
  'name@error',
  'message@error',
]);
const STABLE_NUMBER_KEYS = new Set([
  'code',
  'protocol_version',
  'product_uom_qty',
  'quantity',
  'qty_delivered',
  'qty_to_invoice',
  'qty_invoiced',
  'price_unit',
  'amount_untaxed',
  'amount_tax',
  'amount_total',
]);

const isMarker = (s: string) => /^<[a-z.]+>$/.test(s) || /^\$\w+$/.test(s) || s.includes('#');

export type WireShape = Record<string, string>;

export function wireShape(
  body: unknown,
  floats: readonly string[] = [],
  options: { countResult?: boolean } = {},
): WireShape {
  const shape: Record<string, Set<string>> = {};
  const floatSet = new Set(floats);
  const add = (path: string, what: string) => (shape[path] ??= new Set()).add(what);
  const visit = (value: unknown, path: string, shapePath: string, key: string) => {
    const where = path.startsWith('error') ? `${key}@error` : key;
    if (value === null) add(shapePath, 'null');
    else if (typeof value === 'boolean') add(shapePath, `boolean:${value}`);
    else if (typeof value === 'number') {
      const kind = floatSet.has(path) ? 'float' : 'number';
      add(shapePath, STABLE_NUMBER_KEYS.has(key) ? `${kind}:${value}` : kind);
    } else if (typeof value === 'string')
      add(
        shapePath,
        isMarker(value) || STABLE_STRING_KEYS.has(where) || path.startsWith('error.data.arguments')
          ? `string:${value}`
          : 'string',
      );
    else if (Array.isArray(value)) {
      // How many records an ORM call answered (e.g. a poll window's page) is compared too.
      const count = options.countResult && path === 'result';
      add(shapePath, count ? `array:${value.length}` : 'array');
      value.forEach((v, i) => visit(v, `${path}.${i}`, `${shapePath}.[]`, key));
    } else {
      add(shapePath, 'object');
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        visit(v, path ? `${path}.${k}` : k, shapePath ? `${shapePath}.${k}` : k, k);
    }
  };
  visit(body, '', '', '');
  return Object.fromEntries(
    Object.entries(shape).map(([path, kinds]) => [path, [...kinds].sort().join(' | ')]),
  );
}

export interface ShapeDifference {
  path: string;
  expected: string;
  got: string;
}

/**
 * Paths whose shape differs; `absent` where one side has no such path. Below a differing path
 * nothing more is listed (an error object where a result was expected counts once).
 */
export function compareShapes(expected: WireShape, got: WireShape): ShapeDifference[] {
  const paths = [...new Set([...Object.keys(expected), ...Object.keys(got)])].sort();
  const differing = paths.filter((p) => expected[p] !== got[p]);
  const below = (path: string, other: string) =>
    other === '' ? path !== '' : path.startsWith(`${other}.`);
  return differing
    .filter((path) => !differing.some((other) => other !== path && below(path, other)))
    .map((path) => ({ path, expected: expected[path] ?? 'absent', got: got[path] ?? 'absent' }));
}
