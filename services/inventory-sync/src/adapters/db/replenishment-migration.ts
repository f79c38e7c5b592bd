import type { Migration } from '@o2c/db';

const qty = 'numeric(18,6)';

/**
 * Replenishment: the rules kept in the platform, the proposals made from them, the purchases
 * odoo-adapter placed for them and what each purchase line is still expected to bring (all
 * quantities in the SKU's base unit), and the warehouses odoo.master-data describes.
 */
export const replenishmentMigration: Migration = {
  name: 'inventory_sync_003_replenishment',
  async up(db) {
    await db.schema.createTable('catalogue_warehouses', (t) => {
      t.text('code').primary();
      t.boolean('active').notNullable();
      t.bigInteger('odoo_write_date').notNullable();
    });
    await db.schema.createTable('replenishment_rules', (t) => {
      t.text('sku').notNullable();
      t.text('warehouse_code').notNullable();
      t.text('supplier_code').notNullable();
      // MIN_MAX: low = min, high = max. REORDER_POINT: low = reorder point, high = reorder quantity.
      t.text('policy').notNullable();
      t.specificType('low', qty).notNullable();
      t.specificType('high', qty).notNullable();
      t.specificType('pack_size', qty).notNullable();
      t.integer('lead_time_days').notNullable();
      t.bigInteger('unit_cost_minor').notNullable();
      t.text('currency').notNullable();
      t.bigInteger('min_order_value_minor').notNullable();
      t.text('uom').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      t.primary(['warehouse_code', 'sku']);
    });
    await db.schema.createTable('replenishment_proposals', (t) => {
      t.uuid('proposal_id').primary();
      t.text('sku').notNullable();
      t.text('warehouse_code').notNullable();
      t.text('supplier_code').notNullable();
      t.specificType('quantity', qty).notNullable();
      t.text('uom').notNullable();
      t.bigInteger('unit_cost_minor').notNullable();
      t.text('currency').notNullable();
      t.bigInteger('value_minor').notNullable();
      t.text('reason').notNullable();
      t.specificType('on_hand', qty).notNullable();
      t.specificType('reserved', qty).notNullable();
      t.specificType('backordered', qty).notNullable();
      t.specificType('incoming', qty).notNullable();
      t.integer('lead_time_days').notNullable();
      t.text('approval').notNullable();
      t.text('status').notNullable();
      t.bigInteger('proposed_at').notNullable();
      t.text('decided_by');
      t.bigInteger('decided_at');
      t.bigInteger('needed_by');
      t.text('purchase_id');
      // The operator's rejection or the supplier's refusal.
      t.text('status_reason');
      t.index(['purchase_id']);
      t.index(['status']);
    });
    // At most one proposal per position waits for approval or for its purchase order; once
    // ordered, its quantity counts as incoming and the planner may propose again.
    await db.raw(`create unique index replenishment_proposals_one_open
      on replenishment_proposals (sku, warehouse_code)
      where status in ('PENDING_APPROVAL', 'APPROVED')`);
    await db.schema.createTable('purchases', (t) => {
      t.text('purchase_id').primary();
      t.text('odoo_reference').notNullable();
      t.text('supplier_code').notNullable();
      t.text('warehouse_code').notNullable();
      t.text('status').notNullable();
      t.bigInteger('date_planned').notNullable();
      t.text('refusal_reason');
    });
    await db.schema.createTable('purchase_lines', (t) => {
      t.text('purchase_id').notNullable().references('purchases.purchase_id');
      t.integer('line_no').notNullable();
      t.text('sku').notNullable();
      t.text('warehouse_code').notNullable();
      t.text('uom').notNullable();
      t.specificType('ordered', qty).notNullable();
      t.specificType('received_total', qty).notNullable().defaultTo(0);
      // What is still to come: max(0, ordered − received), 0 once the purchase is closed.
      t.specificType('expected', qty).notNullable();
      t.primary(['purchase_id', 'line_no']);
      t.index(['sku', 'warehouse_code']);
    });
  },
};
