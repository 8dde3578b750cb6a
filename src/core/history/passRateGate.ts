import type { Config } from '../model/config.js';
import type { Run } from '../model/runModel.js';

/** What the pass-rate gate says about a run: nothing, a warning, or a block (exit 1 without a baseline). */
export interface GateVerdict {
  action: 'pass' | 'warn' | 'block';
  passRate: number;
  minPassRate: number;
}

/** A run's pass rate: passed over passed and failed (skipped tests do not count); 1 for an empty run. */
export function passRate(run: Pick<Run, 'passed' | 'failed'>): number {
  const judged = run.passed + run.failed;
  return judged === 0 ? 1 : run.passed / judged;
}

/** Applies `gate: { minPassRate, onFailure }` to a run (pure); null when no gate is configured. */
export function passRateGate(run: Pick<Run, 'passed' | 'failed'>, gate: Config['gate']): GateVerdict | null {
  if (gate.minPassRate === null || gate.onFailure === 'ignore') return null;
  const rate = passRate(run);
  const action = rate >= gate.minPassRate ? 'pass' : gate.onFailure;
  return { action, passRate: rate, minPassRate: gate.minPassRate };
}
