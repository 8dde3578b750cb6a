/** The slowdown rule of DESIGN.md "Regressions" (research/reports.md §5.4), for one test or a whole run. */

export interface SlowdownRule {
  /** More than this fraction slower: 0.5 means `current > reference × 1.5`. */
  threshold: number;
  /** And slower by at least this many milliseconds, so a few ms of jitter never count. */
  minMs: number;
}

export const defaultSlowdownRule: SlowdownRule = { threshold: 0.5, minMs: 100 };

export interface Measured {
  baselineMs: number;
  currentMs: number;
  ratio: number | null;
}

function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/**
 * Returns the two durations and their ratio when `currentMs` is a slowdown against `referenceMs`,
 * else null. Unknown durations (null, NaN) never give a verdict.
 */
export function measureSlowdown(
  currentMs: number | null,
  referenceMs: number | null,
  rule: SlowdownRule,
): Measured | null {
  if (currentMs === null || referenceMs === null) return null;
  if (!Number.isFinite(currentMs) || !Number.isFinite(referenceMs) || referenceMs < 0) return null;
  if (!(currentMs > referenceMs * (1 + rule.threshold))) return null;
  if (!(currentMs - referenceMs >= rule.minMs)) return null;
  const ratio = referenceMs > 0 ? Math.round((currentMs / referenceMs) * 100) / 100 : null;
  return { baselineMs: round3(referenceMs), currentMs: round3(currentMs), ratio };
}
