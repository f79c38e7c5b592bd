import type {
  Address,
  OrderAccepted,
  OrderCancelled,
  OrderImported,
  OrderRejected,
} from '@o2c/contracts';

/** One line as a channel or a REST client sent it: any part may be missing or wrong. */
export interface SubmittedLine {
  lineRef?: string | null;
  sku?: string | null;
  quantity?: number | null;
  uom?: string | null;
  unitPriceMinor?: number | null;
  substitutionAllowed?: boolean | null;
}

export interface SubmitOrder {
  type: 'SubmitOrder';
  data: {
    channelCode: string;
    channelOrderRef: string;
    customerRef?: string | null;
    currency?: string | null;
    lines: SubmittedLine[];
    shipTo?: Partial<Record<keyof Address, string | null>> | null;
    warehouseCode?: string | null;
    requestedDeliveryAt?: number | null;
    customerPurchaseOrderRef?: string | null;
    /** Epoch ms the channel submitted it (REST: the request's arrival); decide ignores it. */
    submittedAt?: number | null;
  };
}

export interface CancelOrder {
  type: 'CancelOrder';
  data: { orderId: string; reasonCode: string; reasonText?: string | null; cancelledBy: string };
}

export type OrderCommand = SubmitOrder | CancelOrder;

export type OrderEvent =
  | { type: 'OrderAccepted'; data: OrderAccepted }
  | { type: 'OrderRejected'; data: OrderRejected }
  | { type: 'OrderCancelled'; data: OrderCancelled }
  | { type: 'OrderImported'; data: OrderImported };

/** A sale order Odoo holds, as o2c-ops bootstrap maps it: OrderImported before it has an id. */
export type ImportCandidate = Omit<OrderImported, 'orderId' | 'importedAt'>;

/**
 * A candidate; with refreshOnly (a sale order closed in Odoo) only refreshed if imported before,
 * with cancelledInOdoo (closed by a cancel) the order imported before is cancelled.
 */
export type ImportRequest = ImportCandidate & { refreshOnly?: boolean; cancelledInOdoo?: boolean };

/**
 * The lifecycle order-intake decides (accepted, rejected, cancelled, imported), then the progress
 * it follows from downstream events (see progress.ts). Only an `accepted` order can still be
 * cancelled here; an `imported` one is Odoo's and keeps that status.
 */
export const ORDER_STATUSES = [
  'accepted',
  'imported',
  'rejected',
  'cancelled',
  'fulfilling',
  'shipped',
  'delivered',
  'exception',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What decide needs of an existing order: for SubmitOrder the live order of the same channel ref. */
export interface OrderState {
  orderId: string;
  status: OrderStatus;
}

export interface SkuInfo {
  uom: string;
  substitutionAllowed: boolean;
  /** False once archived in Odoo: still known, but no longer sold. */
  active: boolean;
}

export interface CustomerInfo {
  currency: string;
  defaultShipTo: Partial<Record<keyof Address, string | null>>;
  active: boolean;
}

/** A channel's own codes → Odoo's canonical ones (maintained through /channels/:code/aliases). */
export interface ChannelAliases {
  skus: ReadonlyMap<string, string>;
  customers: ReadonlyMap<string, string>;
}

/**
 * Reference data an order is validated against, keyed by canonical code (from odoo.master-data).
 * It may hold only what one order refers to: a code missing here is unknown.
 */
export interface MasterData {
  skus: ReadonlyMap<string, SkuInfo>;
  /** Unit code → whether fractional quantities make sense in it (KG yes, EA no). */
  uoms: ReadonlyMap<string, { fractional: boolean }>;
  customers: ReadonlyMap<string, CustomerInfo>;
  warehouses: ReadonlyMap<string, { active: boolean }>;
  /** The first active warehouse in Odoo's order; '' when there is none. */
  defaultWarehouse: string;
  /** The submitting channel's aliases. */
  aliases: ChannelAliases;
}

/** Inputs decide must not invent itself, so that it stays a pure function. */
export interface DecideContext {
  now: number;
  newOrderId: () => string;
}
