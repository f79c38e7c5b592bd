export { bindFrom, renderTemplate, valueAt } from './wire-fixture';
export type { WireExchange, WireFixture } from './wire-fixture';
export { NORMALISATION_RULE, normaliseBody } from './normalise-body';
export { parseWire } from './parse-wire';
export { compareShapes, wireShape } from './wire-shape';
export type { ShapeDifference, WireShape } from './wire-shape';
