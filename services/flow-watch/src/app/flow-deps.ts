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
