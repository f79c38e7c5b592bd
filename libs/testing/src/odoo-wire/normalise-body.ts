/**
 * The normalisation rule for recorded Odoo answers (also written into every fixture):
 * 1. the echoed JSON-RPC `id` is dropped; `error.data.debug` (a server traceback) → "<traceback>";
 * 2. numbers in id positions (keys `id`, `res_id`, `active_id`, `order_line`, `*_id`, `*_ids`, the id of an
 *    `[id, name]` pair, the whole result of `create`/`search`) → "<id>": ids of different models
 *    coincide, so an id is compared as an id, never by value;
 *    a string equal to a bound string (other than a date) becomes its token `"$name"`, and bound strings of 6+
 *    characters inside longer texts are replaced too (our references in `ref`, reasons, names);
 * 3. datetimes "YYYY-MM-DD HH:MM:SS" → "<datetime>", with a fraction → "<datetime.micros>",
 *    dates "YYYY-MM-DD" → "<date>";
 * 4. sequence numbers in any string (S00012, WH/OUT/00003, INV/2026/00001) keep their prefix and
 *    have their digits replaced by '#'.
 * Everything else (states, quantities, prices, error names and texts) is kept as recorded.
 */
export const NORMALISATION_RULE =
  'id dropped; error.data.debug → "<traceback>"; numbers in id positions (id, res_id, active_id, order_line, *_id, *_ids, [id, name] pairs, results of create/search) → "<id>"; strings equal to a bound value → "$token" (bound strings of 6+ characters inside texts too); datetimes → "<datetime>" / "<datetime.micros>", dates → "<date>"; digits of sequence numbers (S00012, WH/OUT/00003, INV/2026/00001) → "#".';

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DATETIME_MICROS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEQUENCE = /\b(?:S\d{5,}|[A-Z][A-Z0-9]*(?:\/[A-Z0-9]+)*\/\d+)\b/g;

const isIdKey = (key: string) =>
  ['id', 'res_id', 'active_id', 'order_line'].includes(key) || /_ids?$/.test(key);

interface Ctx {
  bound: ReadonlyMap<string, unknown>;
}

/** The token bound to `value`, when exactly one is. */
function tokenFor(value: unknown, bound: ReadonlyMap<string, unknown>): string | undefined {
  const tokens = [...bound].filter(([, v]) => v === value);
  return tokens.length === 1 ? `$${tokens[0]?.[0]}` : undefined;
}

function normaliseString(value: string, ctx: Ctx): string {
  if (DATETIME.test(value)) return '<datetime>';
  if (DATETIME_MICROS.test(value)) return '<datetime.micros>';
  if (DATE.test(value)) return '<date>';
  const exact = tokenFor(value, ctx.bound);
  if (exact) return exact;
  let text = value;
  for (const [token, v] of ctx.bound)
    if (typeof v === 'string' && v.length >= 6) text = text.split(v).join(`$${token}`);
  return text.replace(SEQUENCE, (seq) => seq.replace(/\d/g, '#'));
}

function walk(value: unknown, key: string, idPosition: boolean, path: string, ctx: Ctx): unknown {
  if (path === 'error.data.debug') return '<traceback>';
  if (typeof value === 'string') return normaliseString(value, ctx);
  if (typeof value === 'number') return idPosition ? '<id>' : value;
  if (Array.isArray(value)) {
    const pair = value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'string';
    return value.map((v, i) =>
      walk(v, key, (pair && i === 0) || (idPosition && !pair), `${path}.${i}`, ctx),
    );
  }
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        walk(v, k, isIdKey(k), path ? `${path}.${k}` : k, ctx),
      ]),
    );
  return value;
}

/** Normalises a JSON-RPC response body (see NORMALISATION_RULE). */
export function normaliseBody(
  body: unknown,
  bound: ReadonlyMap<string, unknown>,
  options: { idResult?: boolean } = {},
): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const ctx: Ctx = { bound };
  return Object.fromEntries(
    Object.entries(body)
      .filter(([k]) => k !== 'id')
      .map(([k, v]) => [k, walk(v, k, k === 'result' && (options.idResult ?? false), k, ctx)]),
  );
}
