import { allow, callerOf } from '@o2c/http';
import { Router, type Response } from 'express';
import { decideProposal } from '../../app/replenishment/decide-proposal';
import type { ReplenishmentDeps } from '../../app/replenishment/replenishment-deps';
import { runReplenishment } from '../../app/replenishment/run-replenishment';
import { saveRule } from '../../app/replenishment/save-rule';
import { ReplenishmentError } from '../../domain/replenishment/errors';
import { listProposals, loadProposal } from '../db/proposal-repository';
import { deleteRule, listRules } from '../db/rule-repository';
import {
  parse,
  ProposalParams,
  ProposalQuery,
  RejectBody,
  RuleBody,
  RuleParams,
  ruleOfBody,
  ruleView,
} from './replenishment-bodies';

const proposalIdOf = (params: unknown): string => {
  const parsed = ProposalParams.safeParse(params);
  if (!parsed.success) throw new ReplenishmentError('PROPOSAL_NOT_FOUND', 'no such proposal');
  return parsed.data.id;
};

const operatorOf = (res: Response): string => callerOf(res)?.client ?? 'unknown';

/** Replenishment rules, planning runs and the approval of proposals. */
export function replenishmentRoutes(deps: ReplenishmentDeps) {
  const api = Router();
  api.put(
    '/replenishment/rules/:warehouseCode/:sku',
    allow('replenishment:write'),
    async (req, res) => {
      const params = parse(RuleParams, req.params, 'Invalid rule key');
      const body = parse(RuleBody, req.body, 'Invalid replenishment rule');
      res.json(ruleView(await saveRule(deps.db, ruleOfBody(params, body))));
    },
  );
  api.get('/replenishment/rules', allow('stock:read'), async (_req, res) => {
    res.json({ rules: (await listRules(deps.db)).map(ruleView) });
  });
  api.delete(
    '/replenishment/rules/:warehouseCode/:sku',
    allow('replenishment:write'),
    async (req, res) => {
      const { warehouseCode, sku } = parse(RuleParams, req.params, 'Invalid rule key');
      if ((await deleteRule(deps.db, warehouseCode, sku)) === 0) {
        throw new ReplenishmentError('RULE_NOT_FOUND', `no rule for ${sku} in ${warehouseCode}`);
      }
      res.status(204).end();
    },
  );
  api.post('/replenishment/run', allow('replenishment:write'), async (_req, res) => {
    res.json(await runReplenishment(deps));
  });
  api.get('/replenishment/proposals', allow('stock:read'), async (req, res) => {
    const { status } = parse(ProposalQuery, req.query, 'Invalid query parameters');
    res.json({ proposals: await listProposals(deps.db, status) });
  });
  api.get('/replenishment/proposals/:id', allow('stock:read'), async (req, res) => {
    const id = proposalIdOf(req.params);
    const proposal = await loadProposal(deps.db, id);
    if (!proposal) throw new ReplenishmentError('PROPOSAL_NOT_FOUND', `no proposal ${id}`);
    res.json(proposal);
  });
  api.post(
    '/replenishment/proposals/:id/approve',
    allow('replenishment:approve'),
    async (req, res) => {
      const id = proposalIdOf(req.params);
      res.json(await decideProposal(deps, id, { kind: 'approve', by: operatorOf(res) }));
    },
  );
  api.post(
    '/replenishment/proposals/:id/reject',
    allow('replenishment:approve'),
    async (req, res) => {
      const id = proposalIdOf(req.params);
      const { reason } = parse(RejectBody, req.body, 'Invalid rejection');
      res.json(await decideProposal(deps, id, { kind: 'reject', by: operatorOf(res), reason }));
    },
  );
  return api;
}
