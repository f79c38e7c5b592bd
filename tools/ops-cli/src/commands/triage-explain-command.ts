import type { Command } from 'commander';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { OpsError } from '../errors';
import { explainGroup, type Explanation } from '../triage/explain';
import type { TriagedGroup } from '../triage/types';

export interface TriageExplainDeps {
  env: NodeJS.ProcessEnv;
  /** Adds the options `triage show` takes to find a group (--since, --until, --topic-prefix…). */
  windowOptions: (command: Command) => Command;
  /** The group of `signature` as `triage show` builds it, from those options; undefined if none. */
  findGroup: (
    ctx: OpsContext,
    signature: string,
    options: Record<string, unknown>,
  ) => Promise<TriagedGroup | undefined>;
}

export const LLM_OFF =
  'triage explain is off: it asks a language model of your choice, so set LLM_BASE_URL to an ' +
  'OpenAI-compatible endpoint (e.g. http://127.0.0.1:11434/v1 for a local Ollama), LLM_MODEL to ' +
  'its model, and LLM_API_KEY if it needs one. Personal data is redacted before anything is sent; ' +
  '--show-prompt prints what was sent.';

/** `o2c-ops triage explain <signature>`: a plain-words summary of a group by a language model. */
export function registerTriageExplain(triage: Command, deps: TriageExplainDeps): Command {
  return deps
    .windowOptions(
      triage
        .command('explain <signature>')
        .description(
          'Ask a language model (LLM_BASE_URL, off by default) to summarise a group in plain ' +
            'words; personal data is redacted before anything leaves the process',
        )
        .option('--show-prompt', 'print exactly what was sent to the model'),
    )
    .action(
      runAction(
        deps.env,
        async (ctx: OpsContext, signature: string, o: Record<string, unknown>) => {
          const llm = ctx.config.llm;
          if (!llm) throw new OpsError('USAGE', LLM_OFF);
          if (!llm.model)
            throw new OpsError('USAGE', 'LLM_MODEL is not set (the model to ask at LLM_BASE_URL)');
          const group = await deps.findGroup(ctx, signature, o);
          if (!group)
            throw new OpsError(
              'NOT_FOUND',
              `no open failure of signature ${signature} in the window`,
            );
          ctx.out.note(`asking ${llm.model} at ${llm.baseUrl}…`);
          const explanation = await explainGroup(group, { ...llm, model: llm.model });
          const showPrompt = o.showPrompt === true;
          ctx.out.result(
            {
              ok: true,
              signature,
              model: explanation.model,
              summary: explanation.summary,
              redacted: explanation.redacted,
              ...(showPrompt ? { sent: explanation.sent } : {}),
            },
            () => describe(signature, explanation, showPrompt),
          );
        },
      ),
    );
}

function describe(signature: string, e: Explanation, showPrompt: boolean): string {
  const redacted = Object.entries(e.redacted)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  const lines = [
    `${signature} (summary by ${e.model}; redacted: ${redacted || 'nothing'})`,
    '',
    e.summary,
  ];
  if (showPrompt) lines.push('', '--- sent ---', ...e.sent.map((m) => `[${m.role}]\n${m.content}`));
  return lines.join('\n');
}
