import type { VersionProfile } from '../version';

export type FieldType =
  | 'char'
  | 'text'
  | 'html'
  | 'integer'
  | 'float'
  | 'monetary'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'selection'
  | 'many2one'
  | 'one2many'
  | 'many2many'
  | 'binary';

/** A stored record: raw values (many2one = id | false, many2many = ids); one2many is derived. */
export type Rec = Record<string, unknown> & { id: number };
export type Vals = Record<string, unknown>;
export type Domain = unknown[];
export type Context = Record<string, unknown>;

export interface FieldDef {
  type: FieldType;
  string: string;
  relation?: string;
  /** one2many: the many2one on `relation` that points back. */
  inverse?: string;
  selection?: [string, string][];
  required?: boolean;
  readonly?: boolean;
  /** Derived on every read/search; returns the raw form. */
  compute?: (env: Env, rec: Rec) => unknown;
  /** Dotted path followed for reads; writes go to the target record. */
  related?: string;
  default?: unknown;
  ondelete?: 'cascade' | 'set null' | 'restrict';
}

export interface MethodDef {
  /** Parameter names after `self`, in Python order (positional binding and JSON-2 names). */
  params: string[];
  /** `@api.model`: no ids. */
  model?: boolean;
  /** Allowed for the read-only user. */
  read?: boolean;
  run: (env: Env, ids: number[], args: Record<string, unknown>) => unknown;
}

export interface ModelDef {
  name: string;
  description: string;
  order: string;
  recName?: string;
  transient?: boolean;
  fields: Record<string, FieldDef>;
  methods?: Record<string, MethodDef>;
  displayName?: (env: Env, rec: Rec) => string;
  /** Fills defaults that depend on other values or sequences; runs before validation. */
  prepare?: (env: Env, vals: Vals) => Vals;
  afterCreate?: (env: Env, id: number) => void;
  afterWrite?: (env: Env, ids: number[], vals: Vals) => void;
  beforeUnlink?: (env: Env, ids: number[]) => void;
}

export type Registry = ReadonlyMap<string, ModelDef>;

/** Plain JSON records; a transaction works on copies of what it touches (orm/store.ts) and rolls back by dropping them. */
export interface Data {
  tables: Record<string, Record<string, Rec>>;
  nextId: Record<string, number>;
  sequences: Record<string, number>;
  /** Set on a transaction's working copy: `tables` holds the records it copied or created. */
  parent?: Data;
  /** Ids (as keys) a working copy deleted from its parent's tables. */
  deleted?: Record<string, Set<string>>;
}

export interface ChangeEvent {
  model: string;
  id: number;
  kind: 'create' | 'write' | 'unlink';
  fields: string[];
  before: Record<string, unknown>;
}

export interface Env {
  data: Data;
  registry: Registry;
  profile: VersionProfile;
  uid: number;
  context: Context;
  /** The transaction timestamp (naive UTC, seconds): what fields.Datetime.now() gives. */
  now: string;
  /** The same with microseconds: what create_date/write_date store (read back in seconds). */
  stamp: string;
  events: ChangeEvent[];
}
