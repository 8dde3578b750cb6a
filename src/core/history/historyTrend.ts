import type { HistoryRun } from '../../adapters/history/historyStore.js';
import { passRate } from './passRateGate.js';

/** The trend over the shown runs: pass rate and total duration of the oldest and newest, and their averages. */
export interface HistoryTrend {
  runs: number;
  firstPassRate: number;
  lastPassRate: number;
  meanPassRate: number;
  firstDurationMs: number;
  lastDurationMs: number;
  meanDurationMs: number;
}

/** The trend of runs listed newest first (pure); null for fewer than two runs. */
export function historyTrend(newestFirst: HistoryRun[]): HistoryTrend | null {
  if (newestFirst.length < 2) return null;
  const first = newestFirst[newestFirst.length - 1] as HistoryRun;
  const last = newestFirst[0] as HistoryRun;
  const mean = (f: (r: HistoryRun) => number) =>
    newestFirst.reduce((sum, r) => sum + f(r), 0) / newestFirst.length;
  return {
    runs: newestFirst.length,
    firstPassRate: passRate(first),
    lastPassRate: passRate(last),
    meanPassRate: mean(passRate),
    firstDurationMs: first.durationMs,
    lastDurationMs: last.durationMs,
    meanDurationMs: mean((r) => r.durationMs),
  };
}
