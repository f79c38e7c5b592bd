import type { Db } from '@o2c/db';
import { OdooError } from '@o2c/odoo-client';
import type { Logger } from '@o2c/observability';
import type { Outbox } from '@o2c/outbox';
import { DomainError } from '../../domain/errors';
import type { OdooDeps } from '../odoo-deps';

/** What the purchasing use cases share. */
export interface PurchasingDeps extends OdooDeps {
  db: Db;
  outbox: Outbox;
  topicPrefix: string;
  logger: Logger;
  /** How long approvals of one supplier and warehouse are collected into one purchase. */
  windowMs: number;
  /** First retry delay of a placement, a send or a webhook message (doubles, at most 1 min). */
  retryBaseMs: number;
  confirmationTimeoutMs: number;
  /** The supplier's API; undefined = purchase orders are not sent (logged). */
  supplierUrl: string | undefined;
  /** Where suppliers post their answers (our POST /webhooks/suppliers). */
  callbackUrl: string;
  supplierTimeoutMs: number;
  metrics: PurchasingMetrics;
}

export interface PurchasingMetrics {
  placed(): void;
  delivery(outcome: 'sent' | 'failed' | 'not-configured'): void;
}

/** A purchase the adapter cannot place or change as asked: retrying cannot help. */
export class PurchaseRefusal extends Error {
  constructor(
    readonly code: 'UNKNOWN_SUPPLIER' | 'UNKNOWN_CURRENCY' | 'NO_INCOMING_TYPE' | 'UNKNOWN_LINE',
    message: string,
  ) {
    super(message);
    this.name = 'PurchaseRefusal';
  }
}

/** The OdooSyncFailed errorCode of an error that retrying cannot fix, else undefined. */
export function permanentCode(error: unknown): string | undefined {
  if (error instanceof PurchaseRefusal || error instanceof DomainError) return 'MAPPING_MISSING';
  if (error instanceof OdooError && !error.retryable)
    return error.kind === 'access' || error.kind === 'access_denied'
      ? 'ACCESS_DENIED'
      : 'VALIDATION_ERROR';
  return undefined;
}

export const messageOf = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
