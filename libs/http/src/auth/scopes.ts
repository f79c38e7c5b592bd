/**
 * What a caller may do. A route names the one scope it needs (`allow`); an API key lists the
 * scopes its client holds. docs/security.md lists which route needs which.
 */
export const SCOPES = [
  'orders:read',
  'orders:write',
  'returns:write',
  'stock:read',
  'stock:reconcile',
  'master-data:read',
  'master-data:write',
  'admin:verify',
  'webhooks:read',
  'webhooks:write',
  'metrics:read',
  'ops:read',
  'ops:write',
  'replenishment:write',
  'replenishment:approve',
] as const;

export type Scope = (typeof SCOPES)[number];

export const isScope = (s: string): s is Scope => (SCOPES as readonly string[]).includes(s);
