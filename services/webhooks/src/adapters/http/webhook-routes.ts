import { allow, openApiRoute } from '@o2c/http';
import { Router } from 'express';
import type { Knex } from 'knex';
import { findDelivery, listDeliveries, requeue } from '../db/delivery-store';
import {
  deleteSubscription,
  enableSubscription,
  findSubscription,
  listSubscriptions,
  updateSubscription,
} from '../db/subscription-store';
import { subscribableEventTypes } from '../../app/event-types';
import {
  createSubscription,
  rotateSubscriptionSecret,
  viewOf,
} from '../../app/manage-subscriptions';
import { openApiDocument } from './openapi';
import { parse, problems } from './problems';
import {
  CreateSubscription,
  DeliveryQuery,
  ReplayRange,
  UpdateSubscription,
  uuidParam,
} from './schemas';

export interface WebhookRoutesDeps {
  db: Knex;
  now: () => number;
  newId: () => string;
  secretOverlapMs: number;
}

/** Subscriptions, their deliveries and attempts, replays: the operator's and integrator's API. */
export function webhookRoutes({ db, now, newId, secretOverlapMs }: WebhookRoutesDeps) {
  const router = Router();
  const base = '/webhooks/subscriptions';
  const idOf = (raw: string, notFound: (id: string) => Error) => {
    if (!uuidParam.safeParse(raw).success) throw notFound(raw);
    return raw;
  };
  const subscriptionOr404 = async (raw: string) => {
    const found = await findSubscription(db, idOf(raw, problems.subscriptionNotFound));
    if (!found) throw problems.subscriptionNotFound(raw);
    return found;
  };

  router.get('/webhooks/event-types', allow('webhooks:read'), (_req, res) => {
    res.json({ eventTypes: subscribableEventTypes });
  });
  router.post(base, allow('webhooks:write'), async (req, res) => {
    const body = parse(CreateSubscription, req.body, 'request body');
    const { subscription, secret } = await createSubscription(
      db,
      { ...body, description: body.description ?? null },
      newId(),
    );
    res
      .status(201)
      .location(`${base}/${subscription.id}`)
      .json({ ...viewOf(subscription, now()), secret });
  });
  router.get(base, allow('webhooks:read'), async (_req, res) => {
    const all = await listSubscriptions(db);
    res.json({ subscriptions: all.map((s) => viewOf(s, now())) });
  });
  router.get(`${base}/:id`, allow('webhooks:read'), async (req, res) => {
    res.json(viewOf(await subscriptionOr404(req.params.id), now()));
  });
  router.patch(`${base}/:id`, allow('webhooks:write'), async (req, res) => {
    const change = parse(UpdateSubscription, req.body, 'request body');
    const id = idOf(req.params.id, problems.subscriptionNotFound);
    const updated = await updateSubscription(db, id, change);
    if (!updated) throw problems.subscriptionNotFound(id);
    res.json(viewOf(updated, now()));
  });
  router.delete(`${base}/:id`, allow('webhooks:write'), async (req, res) => {
    const id = idOf(req.params.id, problems.subscriptionNotFound);
    if (!(await deleteSubscription(db, id))) throw problems.subscriptionNotFound(id);
    res.status(204).end();
  });
  router.post(`${base}/:id/rotate-secret`, allow('webhooks:write'), async (req, res) => {
    const id = idOf(req.params.id, problems.subscriptionNotFound);
    const rotated = await rotateSubscriptionSecret(db, id, secretOverlapMs);
    if (!rotated) throw problems.subscriptionNotFound(id);
    res.json({ ...viewOf(rotated.subscription, now()), secret: rotated.secret });
  });
  router.post(`${base}/:id/enable`, allow('webhooks:write'), async (req, res) => {
    const id = idOf(req.params.id, problems.subscriptionNotFound);
    const enabled = await enableSubscription(db, id);
    if (!enabled) throw problems.subscriptionNotFound(id);
    res.json(viewOf(enabled, now()));
  });
  router.get(`${base}/:id/deliveries`, allow('webhooks:read'), async (req, res) => {
    const { id } = await subscriptionOr404(req.params.id);
    const query = parse(DeliveryQuery, req.query, 'query');
    res.json({ deliveries: await listDeliveries(db, id, query.status, query.limit) });
  });
  router.post(`${base}/:id/replay`, allow('webhooks:write'), async (req, res) => {
    const { id } = await subscriptionOr404(req.params.id);
    const range = parse(ReplayRange, req.body, 'request body');
    const requeued = await requeue(db, {
      subscriptionId: id,
      from: new Date(range.from),
      to: new Date(range.to),
    });
    res.status(202).json({ requeued });
  });
  router.get('/webhooks/deliveries/:id', allow('webhooks:read'), async (req, res) => {
    const id = idOf(req.params.id, problems.deliveryNotFound);
    const delivery = await findDelivery(db, id);
    if (!delivery) throw problems.deliveryNotFound(id);
    res.json(delivery);
  });
  router.post('/webhooks/deliveries/:id/replay', allow('webhooks:write'), async (req, res) => {
    const id = idOf(req.params.id, problems.deliveryNotFound);
    if ((await requeue(db, { deliveryId: id })) === 0) throw problems.deliveryNotFound(id);
    res.status(202).json({ requeued: 1 });
  });
  router.get('/openapi.json', ...openApiRoute(openApiDocument));
  return router;
}
