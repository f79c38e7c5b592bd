import type { RejectionReason } from '@o2c/contracts';

export type RejectionCode =
  | 'EMPTY_ORDER'
  | 'MISSING_CHANNEL_ORDER_REF'
  | 'MISSING_CUSTOMER'
  | 'UNKNOWN_CUSTOMER'
  | 'CUSTOMER_INACTIVE'
  | 'INVALID_CURRENCY'
  | 'CURRENCY_MISMATCH'
  | 'UNKNOWN_WAREHOUSE'
  | 'WAREHOUSE_INACTIVE'
  | 'MISSING_ADDRESS'
  | 'MISSING_SKU'
  | 'UNKNOWN_SKU'
  | 'SKU_INACTIVE'
  | 'UNKNOWN_UOM'
  | 'UOM_NOT_ALLOWED'
  | 'INVALID_QUANTITY'
  | 'INVALID_PRICE'
  | 'DUPLICATE_LINE';

export interface Rejection extends RejectionReason {
  code: RejectionCode;
}

export const reject = (code: RejectionCode, field: string, message: string): Rejection => ({
  code,
  field,
  message,
});
