import type { OdooRecord } from '@o2c/odoo-client';
import type { OutboxEvent } from '@o2c/outbox';
import type { Knex } from 'knex';
import type { OdooDeps } from '../odoo-deps';

/** A kind of Odoo record whose changes become events. */
export interface ChangeFeed {
  model: string;
  /** Which records of the model matter (besides the write_date window). */
  domain: unknown[];
  fields: string[];
  /**
   * Events for records that changed; may read more from Odoo (through the gated client) and the
   * adapter's own tables in `trx`, the transaction that appends the events.
   */
  toEvents(records: OdooRecord[], deps: OdooDeps, trx: Knex.Transaction): Promise<OutboxEvent[]>;
  /** The write_date (epoch ms) of the change an event reports; by default its `odooWriteDate`. */
  writtenAt?: (event: OutboxEvent) => number | undefined;
}

/** Where the feeds' events carry the write_date of the record they report. */
export const odooWriteDateOf = (event: OutboxEvent): number | undefined => {
  const { odooWriteDate } = event.data as { odooWriteDate?: unknown };
  return typeof odooWriteDate === 'number' ? odooWriteDate : undefined;
};
