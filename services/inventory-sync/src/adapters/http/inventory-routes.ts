import { allow } from '@o2c/http';
import { Router } from 'express';
import { z } from 'zod';
import type { ReconciliationReport } from '../../app/reconcile';
import { atpOf } from '../../domain/stock';
import { readPositions } from '../db/position-repository';
import { proposalFacts } from '../db/proposal-facts';
import { orderFacts, positionViolations } from '../db/verify-queries';
import type { Knex } from 'knex';
import { invalidQuery } from './problems';

const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore');

export const AvailabilityQuery = z
  .object({ sku: code.optional(), warehouse: code.optional() })
  .strict();

/** GET /availability, POST /reconciliations, GET /admin/verify. */
export function inventoryRoutes(deps: {
  db: Knex;
  service: string;
  reconcile: () => Promise<ReconciliationReport>;
}) {
  const api = Router();
  api.get('/availability', allow('stock:read'), async (req, res) => {
    const query = AvailabilityQuery.safeParse(req.query);
    if (!query.success) {
      throw invalidQuery(
        query.error.issues.map((i) => ({
          path: i.path.join('.') || '(query)',
          message: i.message,
        })),
      );
    }
    const positions = await readPositions(deps.db, {
      ...(query.data.sku ? { sku: query.data.sku } : {}),
      ...(query.data.warehouse ? { warehouseCode: query.data.warehouse } : {}),
    });
    res.json({
      positions: positions.map((p) => ({
        sku: p.sku,
        warehouseCode: p.warehouseCode,
        onHand: p.onHand,
        reserved: p.reserved,
        availableToPromise: atpOf(p),
        uom: p.uom,
      })),
    });
  });
  api.post('/reconciliations', allow('stock:reconcile'), async (_req, res) => {
    res.json(await deps.reconcile());
  });
  api.get('/admin/verify', allow('admin:verify'), async (_req, res) => {
    const checkedAt = Date.now();
    const [violations, orders, proposals] = await Promise.all([
      positionViolations(deps.db),
      orderFacts(deps.db),
      proposalFacts(deps.db),
    ]);
    res.json({ service: deps.service, checkedAt, violations, orders, proposals });
  });
  return api;
}
