import type { FieldDef } from './types';

type Opts = Partial<FieldDef>;

export const char = (string: string, o: Opts = {}): FieldDef => ({ type: 'char', string, ...o });
export const text = (string: string, o: Opts = {}): FieldDef => ({ type: 'text', string, ...o });
export const int = (string: string, o: Opts = {}): FieldDef => ({ type: 'integer', string, ...o });
export const float = (string: string, o: Opts = {}): FieldDef => ({ type: 'float', string, ...o });
export const money = (string: string, o: Opts = {}): FieldDef => ({
  type: 'monetary',
  string,
  ...o,
});
export const bool = (string: string, o: Opts = {}): FieldDef => ({ type: 'boolean', string, ...o });
export const date = (string: string, o: Opts = {}): FieldDef => ({ type: 'date', string, ...o });
export const datetime = (string: string, o: Opts = {}): FieldDef => ({
  type: 'datetime',
  string,
  ...o,
});
export const sel = (selection: [string, string][], string: string, o: Opts = {}): FieldDef => ({
  type: 'selection',
  selection,
  string,
  ...o,
});
export const m2o = (relation: string, string: string, o: Opts = {}): FieldDef => ({
  type: 'many2one',
  relation,
  string,
  ...o,
});
export const o2m = (relation: string, inverse: string, string: string, o: Opts = {}): FieldDef => ({
  type: 'one2many',
  relation,
  inverse,
  string,
  ...o,
});
export const m2m = (relation: string, string: string, o: Opts = {}): FieldDef => ({
  type: 'many2many',
  relation,
  string,
  ...o,
});

/** `cond ? fields : {}`, to keep version-specific fields readable inside model literals. */
export const when = <T extends object>(cond: boolean, fields: T): T | Record<string, never> =>
  cond ? fields : {};
