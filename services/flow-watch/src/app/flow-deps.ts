import type { Outbox } from '@o2c/outbox';
import type { Knex } from 'knex';
import type { Baseline, BaselineConfig, Direction } from '../domain';

/** What a judged window reports to the metrics. */
export interface Judged {
  series: string;
  subject: string;
  observed: number;
  baseline: Baseline | undefined;
  open: Direction | null;
}

export interface FlowDeps {
  db: Knex;
  outbox: Outbox;
  topicPrefix: string;
  bucketMs: number;
  windowBuckets: number;
  latenessMs: number;
  consecutive: number;
  baseline: BaselineConfig;
  now: () => number;
  newId: () => string;
  onJudged: (judged: Judged) => void;
}

/** End offsets of the consumed partitions ('topic/partition' → offset). */
export type Offsets = ReadonlyMap<string, number>;

/** Whether the consumer has processed what was written up to a moment (a snapshot of end offsets). */
export interface ConsumerProgress {
  snapshot(): Promise<Offsets>;
  reached(snapshot: Offsets): Promise<boolean>;
  close(): Promise<void>;
}
