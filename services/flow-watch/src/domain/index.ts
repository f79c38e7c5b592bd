export {
  DEFAULT_BASELINE,
  baselineOf,
  median,
  normalTail,
  poissonTail,
  referencePlan,
} from './baseline';
export type { Baseline, BaselineConfig, BaselineKind } from './baseline';
export { QUIET, explain, step, verdictOf } from './detect';
export type { DetectionState, Transition } from './detect';
export { BIN_COUNT, binOf, binUpperEdge, histogramOf, quantileOf, sampleCount } from './histogram';
export type { Histogram } from './histogram';
export { SERIES, isSeriesName, seriesKeyOf } from './series';
export type { Direction, SeriesKind, SeriesName, SeriesSpec } from './series';
export { closedWindowEnd, bucketStart } from './windows';
