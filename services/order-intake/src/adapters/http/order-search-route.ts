import { allow } from '@o2c/http';
import { Router } from 'express';
import { z } from 'zod';
import { ORDER_STATUSES } from '../../domain/order/types';
import { searchOrders, type PageKey } from '../db/order-search';
import { problems } from './problems';
import type { Knex } from 'knex';

const encodeCursor = (key: PageKey) => Buffer.from(JSON.stringify(key)).toString('base64url');
const Cursor = z
  .string()
  .transform((s, ctx) => {
    try {
      return JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a cursor this API gave' });
      return z.NEVER;
    }
  })
  .pipe(z.object({ createdAt: z.string().min(1), orderId: z.string().min(1) }).strict());

const Query = z
  .object({
    channel: z.string().min(1).max(64).optional(),
    channelOrderRef: z.string().min(1).max(128).optional(),
    customer: z.string().min(1).max(128).optional(),
    status: z.enum(ORDER_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: Cursor.optional(),
  })
  .strict()
  .refine((q) => q.channelOrderRef === undefined || q.channel !== undefined, {
    message: 'channelOrderRef needs channel: a reference is unique only within its channel',
    path: ['channelOrderRef'],
  });

/**
 * GET /orders: find orders by channel and channel reference (a channel that submitted over
 * Kafka finds its order), or page through a channel's, a customer's or every order, newest first.
 */
export function orderSearchRoute(db: Knex): Router {
  const router = Router();
  router.get('/orders', allow('orders:read'), async (req, res) => {
    const parsed = Query.safeParse(req.query);
    if (!parsed.success)
      throw problems.invalidQuery(
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    const q = parsed.data;
    const found = await searchOrders(db, {
      channelCode: q.channel,
      channelOrderRef: q.channelOrderRef,
      customerId: q.customer,
      status: q.status,
      limit: q.limit + 1,
      after: q.cursor,
    });
    const page = found.slice(0, q.limit);
    const last = page.at(-1);
    res.json({
      orders: page.map(({ pageKey: _, ...order }) => order),
      ...(found.length > q.limit && last ? { nextCursor: encodeCursor(last.pageKey) } : {}),
    });
  });
  return router;
}
