import { parseEnv } from '@o2c/config';
import { serviceEnv } from '@o2c/platform';
import { z } from 'zod';
import pkg from '../package.json';
import { DEFAULT_BASELINE } from './domain';

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const Schema = serviceEnv(pkg.o2c).extend({
  /** Width of an aggregation bucket: counts and latency histograms are kept per bucket. */
  ANOMALY_BUCKET_SECONDS: positive(60),
  /** Buckets in a detection window (judged every bucket, on the wall clock). */
  ANOMALY_WINDOW_BUCKETS: positive(10),
  /** How long after a bucket ends its late events are still awaited before it is judged. */
  ANOMALY_LATENESS_SECONDS: z.coerce.number().min(0).default(30),
  /** Weeks of the seasonal baseline (same hour of the same weekday). */
  ANOMALY_SEASON_WEEKS: positive(DEFAULT_BASELINE.seasonWeeks),
  /** Days of the daily baseline (same time of day), used while fewer weeks are known. */
  ANOMALY_DAILY_DAYS: positive(DEFAULT_BASELINE.dailyDays),
  /** Windows of the recent baseline (the windows just before), used while fewer days are known. */
  ANOMALY_RECENT_WINDOWS: positive(DEFAULT_BASELINE.recentWindows),
  /** Fewest reference windows a baseline is computed from; with fewer, nothing is judged. */
  ANOMALY_MIN_REFERENCES: positive(DEFAULT_BASELINE.minReferences),
  /** Robust standard deviations a window may stray from the median (z, domain/baseline.ts). */
  ANOMALY_THRESHOLD: z.coerce.number().positive().default(DEFAULT_BASELINE.threshold),
  /** Fewest samples a latency window needs to be judged or used as a reference. */
  ANOMALY_MIN_SAMPLES: positive(DEFAULT_BASELINE.minSamples),
  /** Consecutive windows out of bounds before an anomaly opens. */
  ANOMALY_CONSECUTIVE: positive(1),
  /** Days of buckets and orders kept. */
  ANOMALY_HISTORY_DAYS: positive(35),
  /** How often the dead-letter topics' end offsets are read. */
  ANOMALY_DLQ_POLL_SECONDS: positive(15),
  CONSUMER_MAX_ATTEMPTS: positive(10),
  CONSUMER_BACKOFF_MAX_MS: positive(3_000),
});

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) => parseEnv(Schema, env);
