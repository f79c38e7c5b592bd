import type { Migration } from '@o2c/db';

/**
 * The receipt and bill feeds: which receipts and bills of our purchases were published (once per
 * Odoo id, committed with their outbox rows), and what invoicing's match decided for each bill.
 */
export const purchaseFeedMigration: Migration = {
  name: 'odoo_adapter_008_purchase_feeds',
  async up(db) {
    await db.schema.createTable('odoo_purchase_receipts', (t) => {
      t.integer('picking_id').primary();
      t.text('purchase_id').notNullable().index();
      t.timestamp('published_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
    await db.schema.createTable('odoo_vendor_bills', (t) => {
      t.integer('bill_id').primary();
      t.text('purchase_id').notNullable().index();
      t.timestamp('published_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      // null until invoicing decides; MATCHED (posted in Odoo) or MISMATCHED (left a draft).
      t.text('outcome');
      t.jsonb('mismatches');
      t.timestamp('decided_at', { useTz: true });
    });
  },
};
