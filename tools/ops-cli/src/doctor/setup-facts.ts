import type { OdooProtocol } from '@o2c/odoo-client';

/** Up to this many examples are named in a finding; counts are always complete. */
export const SAMPLE_SIZE = 5;

export interface Sampled {
  count: number;
  /** Names of the first few, for the report. */
  sample: string[];
}

export interface AccessRight {
  model: string;
  operation: 'read' | 'write' | 'create' | 'unlink';
  allowed: boolean;
}

/** What the doctor read from Odoo, as plain data; `assessSetup` judges it. */
export interface SetupFacts {
  server: { version: string; major: number; protocol: OdooProtocol; uid: number };
  /** Module name → ir.module.module state, for the modules the platform cares about. */
  modules: Record<string, string>;
  companies: Array<{
    id: number;
    name: string;
    currency: string;
    /** stock_sms's "SMS Confirmation" (`stock_move_sms_validation`); absent without stock_sms. */
    smsConfirmation?: boolean;
    /** `has_received_warning_stock_sms`: the question was answered once, Odoo stops asking. */
    smsQuestionAnswered?: boolean;
  }>;
  warehouses: Array<{ code: string; name: string; deliverySteps: string }>;
  /** Sellable products that are not services, of the synced company or shared. */
  goods: number;
  goodsWithoutCode: Sampled;
  goodsInvoicedOnOrder: Sampled;
  /** uom.uom name → how many sellable products use it (first 1000 products read). */
  productUoms: Record<string, number>;
  uoms: string[];
  /** Customers of the synced company (or shared), and those without the customer key field. */
  customers: number;
  customersWithoutKey: Sampled;
  access: AccessRight[];
  currencies: string[];
  pricelists: Array<{ name: string; currency: string }>;
}

export type CheckStatus = 'ok' | 'warning' | 'blocker';

export interface Check {
  id: string;
  status: CheckStatus;
  /** What the platform needs, in a few words. */
  title: string;
  /** What the doctor found. */
  found: string;
  /** One line: what to do about it (absent when ok). */
  remedy?: string;
}

export interface DoctorReport {
  ok: boolean;
  odoo: { url: string; db: string; login: string };
  summary: Record<CheckStatus, number>;
  checks: Check[];
}
