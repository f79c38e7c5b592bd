import type { OpsContext } from '../context';
import { runTriage } from '../triage/run-triage';

export interface AnomaliesView {
  anomalies: unknown[];
  /** Why flow-watch's anomalies are unknown (not zero), when it did not answer. */
  unreachable: string | null;
}

/** flow-watch's open anomalies, asked with the console caller's own key (scope ops:read). */
export async function readAnomalies(
  flowWatchUrl: string,
  authorization: string | undefined,
): Promise<AnomaliesView> {
  try {
    const res = await fetch(`${flowWatchUrl}/anomalies?state=open`, {
      headers: authorization ? { authorization } : {},
      signal: AbortSignal.timeout(3000),
    });
    if (!res.ok) throw new Error(`GET /anomalies answered ${res.status}`);
    const body = (await res.json()) as { anomalies: unknown[] };
    return { anomalies: body.anomalies, unreachable: null };
  } catch (error) {
    return { anomalies: [], unreachable: (error as Error).message };
  }
}

/** `o2c-ops triage` over the last `windowSeconds`: incidents and groups, without the failure lists. */
export async function readTriage(ctx: OpsContext, windowSeconds: number) {
  const toMs = Date.now();
  const run = await runTriage(ctx, {
    window: { fromMs: toMs - windowSeconds * 1000, toMs },
    registryUrl: ctx.config.schemaRegistryUrl,
    topicPrefix: ctx.config.topicPrefix,
  });
  return {
    window: run.window,
    warnings: run.warnings,
    causes: run.causes,
    groups: run.groups.map(({ failures: _failures, ...group }) => group),
  };
}
