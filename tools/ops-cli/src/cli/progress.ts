import { SingleBar } from 'cli-progress';

export interface Progress {
  increment(by: number): void;
  stop(): void;
}

/** A bar with rate and ETA on stderr; a no-op with --json or when stderr is not a terminal. */
export function createProgress(label: string, total: number, enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY || total <= 0) return { increment() {}, stop() {} };
  const started = Date.now();
  let value = 0;
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
    etaBuffer: 50,
    hideCursor: true,
  });
  bar.start(total, 0, { rate: 0 });
  return {
    increment(by) {
      value += by;
      const seconds = (Date.now() - started) / 1000;
      bar.update(value, { rate: seconds > 0 ? Math.round(value / seconds) : 0 });
    },
    stop() {
      bar.stop();
    },
  };
}
