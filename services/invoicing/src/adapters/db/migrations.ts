import type { Migration } from '@o2c/db';
import { inboxMigrations } from '@o2c/inbox';
import { outboxMigrations } from '@o2c/outbox';
import { importMigration } from './import-migration';

/** This service's schema, in order: the shared outbox and inbox, then invoicing's own tables. */
export const migrations: readonly Migration[] = [
  ...outboxMigrations,
  ...inboxMigrations,
  {
    name: 'invoicing_001_tables',
    async up(db) {
      // Money in minor units (bigint); quantities are doubles like the Avro contract's.
      await db.raw(`
        create table orders (
          order_id text primary key,
          customer_id text not null,
          currency text not null,
          warehouse_code text not null,
          total_minor bigint not null,
          accepted_at timestamptz not null,
          cancelled_at timestamptz,
          cancel_reason text
        );
        create table order_lines (
          order_id text not null references orders,
          line_no integer not null,
          sku text not null,
          quantity double precision not null,
          uom text not null,
          unit_price_minor bigint not null,
          primary key (order_id, line_no)
        );
        -- reservation / release / backorder lines, only for the report's reserved column
        create table stock_lines (
          order_id text not null,
          ref_id text not null,
          kind text not null check (kind in ('reserved', 'released', 'backordered')),
          line_no integer not null,
          sku text not null,
          quantity double precision not null,
          primary key (ref_id, kind, line_no, sku)
        );
        create index stock_lines_order on stock_lines (order_id);
        create table shipments (
          shipment_id text primary key,
          order_id text not null,
          dispatched_at timestamptz not null,
          delivered_at timestamptz,
          last_shipment boolean not null,
          -- the ShipmentDispatched's event id: the cause of an invoice issued later, when the
          -- shipment arrived before its order
          dispatch_event_id uuid
        );
        create index shipments_order on shipments (order_id);
        create table shipment_lines (
          shipment_id text not null references shipments,
          position integer not null,
          line_no integer not null,
          sku text not null,
          quantity double precision not null,
          uom text not null,
          primary key (shipment_id, position)
        );
        create table invoices (
          invoice_id uuid primary key,
          invoice_number text not null unique,
          order_id text not null,
          shipment_id text not null unique,
          customer_id text not null,
          currency text not null,
          net_minor bigint not null,
          tax_minor bigint not null,
          total_minor bigint not null,
          tax_rate_bps integer not null,
          issued_at timestamptz not null,
          due_at timestamptz not null
        );
        create index invoices_order on invoices (order_id);
        create table invoice_lines (
          invoice_id uuid not null references invoices,
          position integer not null,
          line_no integer not null,
          sku text not null,
          quantity double precision not null,
          uom text not null,
          unit_price_minor bigint not null,
          amount_minor bigint not null,
          tax_minor bigint not null,
          primary key (invoice_id, position)
        );
        create table credit_notes (
          credit_note_id uuid primary key,
          credit_note_number text not null unique,
          order_id text not null,
          invoice_id uuid not null references invoices,
          return_id text unique,
          currency text not null,
          net_minor bigint not null,
          tax_minor bigint not null,
          total_minor bigint not null,
          reason_code text not null,
          issued_at timestamptz not null
        );
        create index credit_notes_order on credit_notes (order_id);
        create table credit_note_lines (
          credit_note_id uuid not null references credit_notes,
          position integer not null,
          line_no integer not null,
          sku text not null,
          quantity double precision not null,
          uom text not null,
          amount_minor bigint not null,
          tax_minor bigint not null,
          primary key (credit_note_id, position)
        );
        create table rejected_returns (
          return_id text primary key,
          order_id text not null,
          shipment_id text not null,
          reason text not null,
          rejected_at timestamptz not null default now()
        );
        -- returns of a shipment not invoiced yet (its order has not arrived): credited when it is
        create table pending_returns (
          return_id text primary key,
          shipment_id text not null,
          event_id uuid,
          payload jsonb not null
        );
        create index pending_returns_shipment on pending_returns (shipment_id);
        create table payments (
          odoo_payment_id text primary key,
          order_id text not null,
          invoice_id text not null,
          amount_minor bigint not null,
          currency text not null,
          payment_method text,
          fully_paid boolean not null,
          received_at timestamptz not null,
          recorded_at timestamptz not null default now()
        );
        create index payments_order on payments (order_id);
        -- Legal numbering: one counter row per series and year, taken inside the document's
        -- transaction, so a rolled-back attempt leaves no gap (a sequence would).
        create table document_numbers (
          series text not null,
          year integer not null,
          last integer not null,
          primary key (series, year)
        );
      `);
    },
  },
  {
    name: 'invoicing_002_purchases',
    async up(db) {
      // The purchase ledger (odoo.purchases) and the three-way match of vendor bills.
      await db.raw(`
        create table purchases (
          purchase_id text primary key,
          odoo_purchase_id text not null,
          odoo_reference text not null,
          supplier_code text not null,
          warehouse_code text not null,
          currency text not null,
          status text not null check (status in ('PLACED', 'CONFIRMED', 'REFUSED')),
          placed_at timestamptz not null,
          confirmed_at timestamptz,
          refused_at timestamptz,
          refuse_reason text
        );
        create table purchase_lines (
          purchase_id text not null references purchases,
          line_no integer not null,
          sku text not null,
          uom text not null,
          ordered double precision not null,
          confirmed double precision,
          -- receivedTotal of the latest receipt (never lowered by a replayed older one)
          received double precision not null default 0,
          unit_price_minor bigint not null,
          primary key (purchase_id, line_no)
        );
        create table purchase_receipts (
          odoo_picking_id text primary key,
          purchase_id text not null,
          odoo_picking_name text not null,
          backorder boolean not null,
          received_at timestamptz not null
        );
        create index purchase_receipts_purchase on purchase_receipts (purchase_id);
        -- one row per Odoo bill: a bill is decided once
        create table vendor_bills (
          odoo_bill_id text primary key,
          purchase_id text not null,
          seq bigserial not null unique,
          bill_reference text,
          currency text not null,
          amount_untaxed_minor bigint not null,
          recorded_at timestamptz not null,
          decision text not null check (decision in ('MATCHED', 'MISMATCHED')),
          tolerance_percent double precision not null,
          mismatches jsonb not null,
          decided_at timestamptz not null
        );
        create index vendor_bills_purchase on vendor_bills (purchase_id);
        create table vendor_bill_lines (
          odoo_bill_id text not null references vendor_bills,
          position integer not null,
          line_no integer not null,
          sku text not null,
          quantity double precision not null,
          uom text not null,
          unit_price_minor bigint not null,
          primary key (odoo_bill_id, position)
        );
      `);
    },
  },
  importMigration,
];
