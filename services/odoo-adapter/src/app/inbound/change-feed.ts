import type { OdooRecord } from '@o2c/odoo-client';
import type { OutboxEvent } from '@o2c/outbox';
import type { OdooDeps } from '../odoo-deps';

/** A kind of Odoo record whose changes become events. */
export interface ChangeFeed {
  model: string;
  /** Which records of the model matter (besides the write_date window). */
  domain: unknown[];
  fields: string[];
  /** Events for records that changed; may read more from Odoo (through the gated client). */
  toEvents(records: OdooRecord[], deps: OdooDeps): Promise<OutboxEvent[]>;
}
