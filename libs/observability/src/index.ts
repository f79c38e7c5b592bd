export { createLogger } from './create-logger';
export type { Logger } from './create-logger';
export { createMetrics } from './create-metrics';
export type { Metrics } from './create-metrics';
