const FLOAT_MARK = Symbol('integral float');

interface Marked {
  [FLOAT_MARK]: number;
}

/**
 * Parses a JSON body and lists where a number was written as a float literal with an integral
 * value (Python's `5.0`): JSON.parse alone cannot tell `5.0` from `5`.
 */
export function parseWire(text: string): { body: unknown; floats: string[] } {
  const reviver = (_key: string, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' && Number.isInteger(value) && /[.eE]/.test(context?.source ?? '')
      ? ({ [FLOAT_MARK]: value } satisfies Marked)
      : value;
  const marked: unknown = JSON.parse(text, reviver);
  const floats: string[] = [];
  const unmark = (value: unknown, path: string): unknown => {
    if (value !== null && typeof value === 'object' && FLOAT_MARK in value) {
      floats.push(path);
      return (value as Marked)[FLOAT_MARK];
    }
    if (Array.isArray(value)) return value.map((v, i) => unmark(v, join(path, String(i))));
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, unmark(v, join(path, k))]),
      );
    return value;
  };
  return { body: unmark(marked, ''), floats };
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
