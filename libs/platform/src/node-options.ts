/**
 * V8 heap sizing for a service process. Left to itself, V8 lets a busy service's heap grow: 210 to
 * 320 MB RSS per service at 5 orders/s; with these limits 120 to 150 MB, at the same CPU per order
 * and latency (`npm run bench -- --rate 5`, README). Most of a service's heap is short-lived
 * (decoded batches, query results), so a small young generation costs little. Raise
 * --max-old-space-size for a very large Odoo catalogue (odoo-adapter caches master data).
 */
export const SERVICE_NODE_OPTIONS = '--max-semi-space-size=4 --max-old-space-size=128';
