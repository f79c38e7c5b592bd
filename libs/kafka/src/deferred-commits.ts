import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';

interface Marker {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Offset commits gathered over `intervalMs`: `soon` commits now when the last commit is that old
 * (or `now` says so), else arms one timer; what is marked done by then goes in one request. The
 * committer given last wins (kafkajs' uncommitted offsets are the whole group's). Fetches that
 * held only a transaction marker are committed with it. `flush` commits what waits, at once.
 */
export function deferredCommits(consumer: Consumer, intervalMs: number, log: Logger) {
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  let committer: (() => Promise<void>) | undefined;
  const markers = new Map<string, Marker>();

  const flush = async () => {
    clearTimeout(timer);
    timer = undefined;
    last = Date.now();
    const commit = committer;
    const marked = [...markers.values()];
    committer = undefined;
    markers.clear();
    await commit?.();
    if (marked.length) await consumer.commitOffsets(marked);
  };
  const later = () => {
    timer ??= setTimeout(
      () => void flush().catch((err: unknown) => log.debug({ err }, 'deferred commit failed')),
      Math.max(0, last + intervalMs - Date.now()),
    );
  };
  return {
    flush: () => flush().catch((err: unknown) => log.debug({ err }, 'offset commit failed')),
    soon(commit: () => Promise<void>, now: boolean): Promise<void> {
      committer = commit;
      if (now || Date.now() - last >= intervalMs) return flush();
      later();
      return Promise.resolve();
    },
    marker(marker: Marker) {
      markers.set(`${marker.topic}:${marker.partition}`, marker);
      later();
    },
  };
}
