import type { Migration } from '@o2c/db';

/**
 * Purchasing: batches of approved replenishment proposals per supplier, warehouse and currency,
 * placed in Odoo as one purchase order once their window closes, sent to the supplier, and the
 * supplier's webhook messages, stored before they are applied.
 */
export const purchaseMigration: Migration = {
  name: 'odoo_adapter_007_purchases',
  async up(db) {
    await db.schema.createTable('odoo_purchases', (t) => {
      t.text('purchase_id').primary();
      t.text('supplier_code').notNullable();
      t.text('warehouse_code').notNullable();
      t.text('currency').notNullable();
      // OPEN (collecting) → PLACING (closed, being placed) → PLACED | FAILED;
      // PLACED → CONFIRMED | REFUSED (by the supplier's webhook).
      t.text('state').notNullable();
      t.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      t.timestamp('closes_at', { useTz: true }).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.timestamp('next_attempt_at', { useTz: true });
      t.text('last_error');
      t.text('failed_reason');
      t.integer('odoo_id');
      t.text('odoo_reference');
      t.jsonb('lines');
      t.timestamp('date_planned', { useTz: true });
      t.timestamp('placed_at', { useTz: true });
      t.timestamp('sent_at', { useTz: true });
      t.integer('send_attempts').notNullable().defaultTo(0);
      t.timestamp('send_next_at', { useTz: true });
      t.text('send_last_error');
      t.timestamp('confirmed_at', { useTz: true });
      t.timestamp('refused_at', { useTz: true });
      t.timestamp('overdue_raised_at', { useTz: true });
    });
    await db.raw(
      "create index odoo_purchases_open on odoo_purchases (supplier_code, warehouse_code, currency) where state = 'OPEN'",
    );
    await db.raw(
      "create index odoo_purchases_active on odoo_purchases (state) where state in ('OPEN', 'PLACING', 'PLACED')",
    );
    // One row per proposal: a redelivered or replayed approval joins no second batch.
    await db.schema.createTable('odoo_purchase_proposals', (t) => {
      t.text('proposal_id').primary();
      t.text('purchase_id').notNullable().references('odoo_purchases.purchase_id').index();
      t.text('sku').notNullable();
      t.text('uom').notNullable();
      t.double('quantity').notNullable();
      t.bigInteger('unit_cost_minor').notNullable();
      t.timestamp('needed_by', { useTz: true }).notNullable();
      t.timestamp('approved_at', { useTz: true }).notNullable();
      t.timestamp('joined_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
    // Supplier webhook messages, committed before the 202 and applied afterwards.
    await db.schema.createTable('odoo_supplier_messages', (t) => {
      t.text('event_id').primary();
      t.text('purchase_id').notNullable().references('odoo_purchases.purchase_id').index();
      t.text('status').notNullable();
      t.jsonb('body').notNullable();
      t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      t.integer('attempts').notNullable().defaultTo(0);
      t.timestamp('next_attempt_at', { useTz: true });
      t.text('last_error');
      t.timestamp('applied_at', { useTz: true });
      t.text('outcome');
    });
    await db.raw(
      'create index odoo_supplier_messages_pending on odoo_supplier_messages (received_at) where applied_at is null',
    );
  },
};
