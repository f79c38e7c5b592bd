import { userError } from '../errors';
import { allRecs } from '../orm/records';
import type { Env } from '../orm/types';
import { createRecords, writeRecords } from '../orm/write';

export interface WebhookRuleInput {
  model: string;
  trigger: 'on_create' | 'on_write' | 'on_create_or_write' | 'on_state_set';
  url: string;
  fields: string[];
  state?: string;
  name?: string;
}

function fieldRecord(env: Env, model: string, name: string): number {
  const rec = allRecs(env, 'ir.model.fields').find((f) => f.model === model && f.name === name);
  if (!rec) throw userError(`Unknown field ${model}.${name}`);
  return rec.id;
}

/** Creates the same ir.actions.server (state webhook) + base.automation pair an admin would create over RPC. */
export function createWebhookRule(
  env: Env,
  input: WebhookRuleInput,
): { automationId: number; actionId: number } {
  const modelId = allRecs(env, 'ir.model').find((m) => m.model === input.model)?.id;
  if (!modelId) throw userError(`Object ${input.model} doesn't exist`);
  let selectionId: number | false = false;
  if (input.trigger === 'on_state_set') {
    const stateField = fieldRecord(env, input.model, 'state');
    selectionId =
      allRecs(env, 'ir.model.fields.selection').find(
        (s) => s.field_id === stateField && s.value === input.state,
      )?.id ?? false;
    if (!selectionId) throw userError(`Unknown state ${String(input.state)} on ${input.model}`);
  }
  const name = input.name ?? `Webhook ${input.model} ${input.trigger}`;
  const [automationId = 0] = createRecords(env, 'base.automation', [
    { name, model_id: modelId, trigger: input.trigger, trg_selection_field_id: selectionId },
  ]);
  const [actionId = 0] = createRecords(env, 'ir.actions.server', [
    {
      name: `Send Webhook Notification`,
      model_id: modelId,
      state: 'webhook',
      usage: 'base_automation',
      webhook_url: input.url,
      webhook_field_ids: [[6, 0, input.fields.map((f) => fieldRecord(env, input.model, f))]],
      base_automation_id: automationId,
    },
  ]);
  return { automationId, actionId };
}

export function disableWebhookRules(env: Env): void {
  const ids = allRecs(env, 'base.automation').map((a) => a.id);
  if (ids.length > 0) writeRecords(env, 'base.automation', ids, { active: false });
}
