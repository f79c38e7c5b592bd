import { allow } from '@o2c/http';
import { Router } from 'express';
import { importOrders } from '../../app/order/import-orders';
import type { OrderDeps } from '../../app/order/order-deps';
import { ImportBody } from './import-body';
import { parseBody } from './parse-body';

/**
 * POST /admin/imports/orders (o2c-ops bootstrap): confirmed Odoo sale orders become platform
 * orders with status `imported`, each deduplicated by channel ref and validated against master
 * data in its own transaction. Idempotent without a key: a second import of one is a duplicate.
 */
export function importRoute(deps: OrderDeps): Router {
  const router = Router();
  router.post('/admin/imports/orders', allow('ops:write'), async (req, res) => {
    const { orders } = parseBody(ImportBody, req.body);
    const results = await importOrders(
      orders.map((o) => ({ ...o, odooClientOrderRef: o.odooClientOrderRef ?? null })),
      deps,
    );
    res.status(200).json({ results });
  });
  return router;
}
