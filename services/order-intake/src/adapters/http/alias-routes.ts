import { allow } from '@o2c/http';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { deleteAlias, listAliases, putAlias, type AliasKind } from '../db/alias-repository';
import { parseBody } from './parse-body';
import { problems } from './problems';

const Code = z.string().trim().min(1).max(128);
export const AliasBody = z.object({ target: Code }).strict();

const KINDS: readonly AliasKind[] = ['sku', 'customer'];

function params(raw: Record<string, string | undefined>) {
  const kind = raw.kind as AliasKind;
  const errors = [
    ...(KINDS.includes(kind) ? [] : [{ path: 'kind', message: "must be 'sku' or 'customer'" }]),
    ...(Code.safeParse(raw.code).success ? [] : [{ path: 'code', message: 'invalid code' }]),
    ...(raw.alias === undefined || Code.safeParse(raw.alias).success
      ? []
      : [{ path: 'alias', message: 'must be 1-128 characters' }]),
  ];
  if (errors.length) throw problems.invalidPath(errors);
  return { code: raw.code!.trim(), kind, alias: raw.alias?.trim() ?? '' };
}

/**
 * A channel's SKU and customer codes for Odoo's (used when validating its orders):
 * GET /channels/:code/aliases, PUT and DELETE /channels/:code/aliases/:kind/:alias.
 */
export function aliasRoutes(db: Knex): Router {
  const router = Router();
  router.get('/channels/:code/aliases', allow('master-data:read'), async (req, res) => {
    const code = req.params.code.trim();
    res.json({ channelCode: code, aliases: await listAliases(db, code) });
  });
  router.put(
    '/channels/:code/aliases/:kind/:alias',
    allow('master-data:write'),
    async (req, res) => {
      const { code, kind, alias } = params(req.params);
      const { target } = parseBody(AliasBody, req.body);
      const { created, row } = await putAlias(db, code, kind, alias, target);
      res.status(created ? 201 : 200).json({ channelCode: code, ...row });
    },
  );
  router.delete(
    '/channels/:code/aliases/:kind/:alias',
    allow('master-data:write'),
    async (req, res) => {
      const { code, kind, alias } = params(req.params);
      if (!(await deleteAlias(db, code, kind, alias))) {
        throw problems.aliasNotFound(code, kind, alias);
      }
      res.status(204).end();
    },
  );
  return router;
}
