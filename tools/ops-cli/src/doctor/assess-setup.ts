import {
  assessCurrencies,
  assessPartners,
  assessProducts,
  assessUnits,
} from './assess-master-data';
import { assessAccess, assessModules, assessServer, assessSettings } from './assess-platform';
import type { Check, CheckStatus, DoctorReport, SetupFacts } from './setup-facts';

export interface Expectations {
  odoo: { url: string; db: string; login: string };
  uomMap: ReadonlyMap<string, string>;
  skipSms: boolean;
  companyId: number;
  customerKey: 'ref' | 'vat' | 'email';
  /** The currencies our orders are in; default: the synced company's (customers are invoiced in it). */
  currencies?: readonly string[];
}

/** Pure: every check over what was read from Odoo, in the order a reader fixes them. */
export function assessSetup(f: SetupFacts, e: Expectations): DoctorReport {
  return report(e.odoo, [
    ...assessServer(f),
    ...assessModules(f),
    ...assessSettings(f, e.skipSms),
    assessAccess(f, e.odoo.login),
    ...assessProducts(f),
    assessPartners(f, e.customerKey),
    assessUnits(f, e.uomMap),
    assessCurrencies(f, e.companyId, e.currencies),
  ]);
}

export function report(odoo: DoctorReport['odoo'], checks: Check[]): DoctorReport {
  const summary: Record<CheckStatus, number> = { ok: 0, warning: 0, blocker: 0 };
  for (const c of checks) summary[c.status]++;
  return { ok: summary.blocker === 0, odoo, summary, checks };
}
