import { allow, openApiRoute } from '@o2c/http';
import type { Knex } from 'knex';
import { Router } from 'express';
import { purchaseReconciliation } from '../../app/purchase/purchase-reconciliation';
import { orderInvoices, orderReport } from '../../app/report/order-report';
import { verify } from '../../app/verify/verify';
import { openApiDocument } from './openapi';

export function invoicingRoutes({
  db,
  now,
  service,
  tolerancePercent,
}: {
  db: Knex;
  now: () => number;
  service: string;
  tolerancePercent: number;
}) {
  const router = Router();
  router.get('/orders/:orderId/reconciliation', allow('orders:read'), async (req, res) => {
    res.json(await orderReport(db, req.params.orderId, now()));
  });
  router.get('/orders/:orderId/invoices', allow('orders:read'), async (req, res) => {
    const invoices = await orderInvoices(db, req.params.orderId);
    res.json({ orderId: req.params.orderId, invoices });
  });
  router.get('/purchases/:purchaseId/reconciliation', allow('orders:read'), async (req, res) => {
    res.json(await purchaseReconciliation(db, req.params.purchaseId));
  });
  router.get('/admin/verify', allow('admin:verify'), async (_req, res) => {
    res.json(await verify(db, service, now(), tolerancePercent));
  });
  router.get('/openapi.json', ...openApiRoute(openApiDocument));
  return router;
}
