export { testInfra, uniqueName } from './test-infra';
export { createTestDatabase } from './test-database';
export type { TestDatabase } from './test-database';
export { waitFor } from './wait-for';
export { processReady, spawnProcess } from './spawn-process';
export type { ReadyOptions, SpawnedProcess } from './spawn-process';
export { freePort, itBootsAndStops } from './service-boot';
export { startReady } from './start-ready';
export {
  bindFrom,
  compareShapes,
  NORMALISATION_RULE,
  normaliseBody,
  parseWire,
  renderTemplate,
  valueAt,
  wireShape,
} from './odoo-wire';
export type { ShapeDifference, WireExchange, WireFixture, WireShape } from './odoo-wire';
export {
  customerChanged,
  productChanged,
  simMasterData,
  unitChanged,
  warehouseChanged,
} from './sim-master-data';
export type { MasterDataEvent } from './sim-master-data';
export { asDeveloper, checkRoutePolicies, routePolicyKeys } from './route-policies';
export { groupLag } from './group-lag';
export { buildOrderAcceptedV1 } from './order-accepted';
export { buildOrderSubmitted } from './order-submitted';
export { sampleOf } from './metric-sample';
export { createLegacyWriter } from './legacy-writer';
export type { LegacyFaults, LegacyOrder, LegacyWriter } from './legacy-writer';
export { asDeadLetter, asSeenMessage, readTopic } from './topic-reader';
export type { DeadLetter, SeenMessage, TopicReader } from './topic-reader';
export { createServiceFixture } from './service-fixture';
export { waitSettled } from './settled';
export type { SettledOptions } from './settled';
