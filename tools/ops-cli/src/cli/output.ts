/** Where a command's result goes: one JSON document on stdout with --json, text otherwise. */
export interface Output {
  readonly json: boolean;
  /** Prints the result of a command (the only stdout output in --json mode). */
  result(data: unknown, human: () => string): void;
  /** Progress notes for a human; stderr, silent in --json mode. */
  note(message: string): void;
}

export function createOutput(
  json: boolean,
  write = (s: string) => process.stdout.write(s),
): Output {
  return {
    json,
    result(data, human) {
      write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
    },
    note(message) {
      if (!json) process.stderr.write(`${message}\n`);
    },
  };
}

/** Left-aligned text table; numbers are right-aligned. */
export function table(rows: readonly (readonly unknown[])[], header: readonly string[]): string {
  const cells = [header, ...rows].map((row) => row.map((c) => formatCell(c)));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  return cells
    .map((row, r) =>
      row
        .map((cell, i) =>
          r > 0 && typeof rows[r - 1]?.[i] === 'number'
            ? cell.padStart(widths[i]!)
            : cell.padEnd(widths[i]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
