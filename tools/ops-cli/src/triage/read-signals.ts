import type { OpsContext } from '../context';
import type { Signal } from './types';

/** Signals recorded by the services and derived by triage within [fromMs, toMs). */
export async function readSignals(
  _ctx: OpsContext,
  _window: { fromMs: number; toMs: number },
): Promise<Signal[]> {
  return [];
}
