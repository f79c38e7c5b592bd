import { OpsError } from '../errors';

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `500ms`, `30s`, `15m`, `2h`, `7d` → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new OpsError('USAGE', `invalid duration '${text}' (e.g. 30s, 15m, 2h, 7d)`);
  return Number(match[1]) * units[match[2]!]!;
}

/** An ISO-8601 instant, `now`, or a duration ago (`2h` = two hours ago) → epoch ms. */
export function parseTime(text: string, now = Date.now()): number {
  if (text === 'now') return now;
  if (/^\d+(?:\.\d+)?(ms|s|m|h|d)$/.test(text)) return now - parseDuration(text);
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(text))
    throw new OpsError('USAGE', `invalid time '${text}' (ISO-8601, 'now', or a duration ago: 2h)`);
  return ms;
}

export type OffsetTarget =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'offset'; offset: number }
  | { kind: 'time'; at: number };

/** `earliest`, `latest`, `offset N` / `offset:N` / `N`, or a time accepted by parseTime. */
export function parseOffsetTarget(text: string, now = Date.now()): OffsetTarget {
  const trimmed = text.trim();
  if (trimmed === 'earliest' || trimmed === 'latest') return { kind: trimmed };
  const offset = /^(?:offset[\s:=]+)?(\d+)$/.exec(trimmed);
  if (offset) return { kind: 'offset', offset: Number(offset[1]) };
  return { kind: 'time', at: parseTime(trimmed, now) };
}

/** `name=value` → [name, value]. */
export function parseHeaderPredicate(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new OpsError('USAGE', `invalid header predicate '${text}' (expected k=v)`);
  return [text.slice(0, at), text.slice(at + 1)];
}

export function parsePositiveInt(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new OpsError('USAGE', `${what} must be a positive integer, got '${text}'`);
  return n;
}

/** For commander's repeatable options. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
