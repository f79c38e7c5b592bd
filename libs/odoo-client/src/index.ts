export { createOdooClient } from './create-odoo-client';
export type {
  CallOptions,
  Domain,
  NameSearchOptions,
  OdooClient,
  OdooClientConfig,
  OdooContext,
  OdooRecord,
  SearchOptions,
  SearchReadOptions,
  Vals,
} from './client-types';
export { createJsonRpcTransport } from './json-rpc-transport';
export { createJson2Transport } from './json2-transport';
export { detectVersion, protocolFor } from './select-transport';
export type {
  OdooCall,
  OdooLogger,
  OdooProtocol,
  OdooTransport,
  OdooVersion,
  TransportConfig,
} from './transport';
export { OdooError } from './odoo-error';
export type { OdooErrorInit, OdooErrorKind } from './odoo-error';
export { m2oId, m2oName } from './many2one';
export type { Many2oneValue } from './many2one';
export { commands } from './commands';
export type { X2ManyCommand } from './commands';
