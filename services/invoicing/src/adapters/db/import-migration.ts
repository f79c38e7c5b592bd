import type { Migration } from '@o2c/db';

/**
 * Orders imported from Odoo (OrderImported): their sale order, what Odoo had delivered and
 * invoiced per line, and the invoices Odoo posted. The order itself and its lines go to orders
 * and order_lines as an accepted order's do; Odoo's invoices stay out of invoices, which holds
 * only the documents invoicing numbered and issued.
 */
export const importMigration: Migration = {
  name: 'invoicing_003_imported_orders',
  async up(db) {
    await db.raw(`
      create table imported_orders (
        order_id text primary key references orders,
        channel_code text not null,
        channel_order_ref text not null,
        odoo_sale_order_id bigint not null,
        odoo_sale_order_name text not null,
        imported_at timestamptz not null,
        unique (channel_code, channel_order_ref)
      );
      create table imported_order_lines (
        order_id text not null,
        line_no integer not null,
        delivered_quantity double precision not null,
        invoiced_quantity double precision not null,
        primary key (order_id, line_no),
        foreign key (order_id, line_no) references order_lines
      );
      create table imported_invoices (
        odoo_invoice_id bigint primary key,
        name text not null unique,
        order_id text not null references imported_orders,
        currency text not null,
        total_minor bigint not null
      );
      create index imported_invoices_order on imported_invoices (order_id);
    `);
  },
};
