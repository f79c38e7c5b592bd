/** pg returns bigint as a string and timestamptz as a Date: back to the contract's numbers. */
export const num = (v: unknown): number => Number(v);
export const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : Number(v));
export const msOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : ms(v);
export const toDate = (epochMs: number): Date => new Date(epochMs);
