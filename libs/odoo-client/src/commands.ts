/** An x2many write command triple, as the `Command` helper of Odoo 15+ puts it on the wire. */
export type X2ManyCommand =
  | readonly [0, 0, Record<string, unknown>]
  | readonly [1, number, Record<string, unknown>]
  | readonly [2 | 3 | 4, number, 0]
  | readonly [5, 0, 0]
  | readonly [6, 0, readonly number[]];

/** Builders for x2many commands; always full triples, which every version accepts. */
export const commands = {
  /** Create a related record from `vals`. */
  create: (vals: Record<string, unknown>): X2ManyCommand => [0, 0, vals],
  /** Write `vals` on the related record `id`. */
  update: (id: number, vals: Record<string, unknown>): X2ManyCommand => [1, id, vals],
  /** Delete the related record itself (e.g. an order line). */
  delete: (id: number): X2ManyCommand => [2, id, 0],
  /** Remove the relation only; the record survives. */
  unlink: (id: number): X2ManyCommand => [3, id, 0],
  /** Add a relation to an existing record. */
  link: (id: number): X2ManyCommand => [4, id, 0],
  /** Remove every relation. */
  clear: (): X2ManyCommand => [5, 0, 0],
  /** Replace the set of related records. */
  set: (ids: readonly number[]): X2ManyCommand => [6, 0, ids],
} as const;
