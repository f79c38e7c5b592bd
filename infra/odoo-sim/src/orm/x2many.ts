import { valueError } from '../errors';
import { fieldDef, rawValue } from './records';
import type { Env, Rec, Vals } from './types';
import { createRecords, unlinkRecords, writeRecords } from './write';

/**
 * Applies x2many command triples ([0,0,vals] create, [1,id,vals] update, [2,id] delete,
 * [3,id] unlink, [4,id] link, [5] clear, [6,0,ids] replace); a bare id list means replace.
 */
export function applyX2many(
  env: Env,
  model: string,
  rec: Rec,
  name: string,
  commands: unknown,
): void {
  const field = fieldDef(env, model, name);
  const relation = field.relation ?? '';
  const o2m = field.type === 'one2many';
  const inverse = field.inverse ?? '';
  let current = new Set<number>(rawValue(env, model, rec, name) as number[]);
  const link = (id: number) => {
    current.add(id);
    if (o2m) writeRecords(env, relation, [id], { [inverse]: rec.id });
  };
  const unlinkRel = (id: number) => {
    current.delete(id);
    if (o2m) writeRecords(env, relation, [id], { [inverse]: false });
  };
  if (!Array.isArray(commands))
    throw valueError(`Wrong value for ${model}.${name}: ${JSON.stringify(commands)}`);
  const list = commands.every((c) => typeof c === 'number') ? [[6, 0, commands]] : commands;
  for (const cmd of list) {
    if (!Array.isArray(cmd))
      throw valueError(`Invalid command ${JSON.stringify(cmd)} for ${model}.${name}`);
    const [code, id, payload] = cmd as [number, number, unknown];
    switch (code) {
      case 0: {
        const vals: Vals = { ...(payload as Vals), ...(o2m ? { [inverse]: rec.id } : {}) };
        const [created] = createRecords(env, relation, [vals]);
        if (created !== undefined) current.add(created);
        break;
      }
      case 1:
        writeRecords(env, relation, [id], payload as Vals);
        break;
      case 2:
        current.delete(id);
        unlinkRecords(env, relation, [id]);
        break;
      case 3:
        unlinkRel(id);
        break;
      case 4:
        link(id);
        break;
      case 5:
        [...current].forEach(unlinkRel);
        current = new Set();
        break;
      case 6: {
        const next = new Set(Array.isArray(payload) ? (payload as number[]) : []);
        [...current].filter((x) => !next.has(x)).forEach(unlinkRel);
        [...next].filter((x) => !current.has(x)).forEach(link);
        current = next;
        break;
      }
      default:
        throw valueError(`Invalid command ${JSON.stringify(cmd)} for ${model}.${name}`);
    }
  }
  if (!o2m) rec[name] = [...current];
}
