export { decide } from './decide';
export type { Rejection, RejectionCode } from './rejection';
export type * from './types';
export { followProgress, initialProgress } from './progress';
export type { OrderProgress, ProgressEvent } from './progress';
export { referencedCodes } from './resolve-aliases';
export { emptyMasterData } from './empty-master-data';
export { stageOf, stageSeconds } from './stage';
export type { OrderStage } from './stage';
