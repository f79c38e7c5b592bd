export { decide } from './decide';
export type { Rejection, RejectionCode } from './rejection';
export type * from './types';
