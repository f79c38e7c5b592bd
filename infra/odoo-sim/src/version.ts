export type OdooVersion = 16 | 17 | 18 | 19;

export const VERSIONS: readonly OdooVersion[] = [16, 17, 18, 19];

import { DEFAULT_MODULES, installedModules } from './modules';

/** The behaviour switches that differ between major releases (see the reference note §7.12). */
export interface VersionProfile {
  readonly version: OdooVersion;
  /** Installed modules (with dependencies): some fields, models and wizards depend on them. */
  readonly modules: ReadonlySet<string>;
  /** JSON-RPC error `code`: an arbitrary 200 on 16–18, 0 on 19. */
  readonly errorCode: number;
  readonly hasNameGet: boolean;
  /** Keyword name of name_search's domain parameter. */
  readonly nameSearchDomainKw: 'args' | 'domain';
  readonly hasAnyOperator: boolean;
  /** 16/17 `detailed_type`; 18+ `is_storable`. */
  readonly storableField: 'detailed_type' | 'is_storable';
  /** 16 `quantity_done`; 17+ `quantity` + `picked`. */
  readonly moveQtyField: 'quantity_done' | 'quantity';
  readonly hasImmediateTransfer: boolean;
  /** 16 has the SO `done` state; 17+ has the `locked` boolean. */
  readonly saleHasLocked: boolean;
  readonly purchaseHasDone: boolean;
  readonly lineUomField: 'product_uom' | 'product_uom_id';
  readonly lineTaxField: 'tax_id' | 'tax_ids';
  readonly hasUomCategories: boolean;
  readonly hasJson2: boolean;
  readonly hasLockError: boolean;
  readonly hasWebhookAction: boolean;
  /** 17 sends webhooks inside the transaction; 18+ after commit. */
  readonly webhookPostCommit: boolean;
  readonly hasWebVersion: boolean;
  /** 16 and 17 (observed) answer a wrong Content-Type on /jsonrpc with 400, newer builds 415. */
  readonly wrongContentTypeStatus: number;
  /** 400 answers are werkzeug's HTML BadRequest page (observed on 17). */
  readonly htmlBadRequest: boolean;
  /**
   * The company's default sale tax in percent (0: none). A real database has one (15 % in the
   * demo company): new products get it as `taxes_id`, sale and invoice lines take it from them.
   */
  readonly saleTaxPercent: number;
}

export function versionProfile(
  version: OdooVersion,
  modules: readonly string[] = DEFAULT_MODULES,
  saleTaxPercent = 0,
): VersionProfile {
  return {
    version,
    saleTaxPercent,
    modules: installedModules(modules),
    errorCode: version >= 19 ? 0 : 200,
    hasNameGet: version === 16,
    nameSearchDomainKw: version >= 18 ? 'domain' : 'args',
    hasAnyOperator: version >= 17,
    storableField: version >= 18 ? 'is_storable' : 'detailed_type',
    moveQtyField: version >= 17 ? 'quantity' : 'quantity_done',
    hasImmediateTransfer: version === 16,
    saleHasLocked: version >= 17,
    purchaseHasDone: version <= 18,
    lineUomField: version >= 19 ? 'product_uom_id' : 'product_uom',
    lineTaxField: version >= 19 ? 'tax_ids' : 'tax_id',
    hasUomCategories: version <= 18,
    hasJson2: version >= 19,
    hasLockError: version >= 18,
    hasWebhookAction: version >= 17,
    webhookPostCommit: version >= 18,
    hasWebVersion: version >= 19,
    wrongContentTypeStatus: version <= 17 ? 400 : 415,
    htmlBadRequest: version === 17,
  };
}
