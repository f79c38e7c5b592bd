import { allow } from '@o2c/http';
import { Router } from 'express';
import type { Knex } from 'knex';

interface Row {
  order_id: string;
  status: string;
  created_at: Date;
  updated_at: Date;
}

/**
 * GET /admin/verify: order-intake's facts for the platform's invariant checker (`npm run verify`):
 * every order's status and when it last changed. order-intake has no invariant of its own to report.
 */
export function verifyRoute(db: Knex): Router {
  const router = Router();
  router.get('/admin/verify', allow('admin:verify'), async (_req, res) => {
    const rows = await db('orders').select<Row[]>('order_id', 'status', 'created_at', 'updated_at');
    const orders = Object.fromEntries(
      rows.map((r) => [
        r.order_id,
        { status: r.status, createdAt: r.created_at.getTime(), updatedAt: r.updated_at.getTime() },
      ]),
    );
    res.json({ service: 'order-intake', checkedAt: Date.now(), violations: [], orders });
  });
  return router;
}
