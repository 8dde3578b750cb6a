import { BatchError } from '../context/errors.js';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since` / `--older-than` as milliseconds: `30d`, `12h`, `2w`, `45m`; null when not that shape. */
export function parseAge(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$/.exec(text);
  return match ? Number(match[1]) * (UNITS[match[2] as string] as number) : null;
}

/** `--since D`: an age (`7d`) before `now`, or a date (`2026-11-01`), as an ISO timestamp. */
export function sinceDate(text: string, now: Date): string {
  const age = parseAge(text);
  if (age !== null) return new Date(now.getTime() - age).toISOString();
  const date = Date.parse(text);
  if (Number.isNaN(date)) {
    throw new BatchError(
      `--since expects an age such as 7d or 12h, or a date such as 2026-11-01; got ${text}`,
      {
        hint: 'e.g. `batch history --since 7d`',
      },
    );
  }
  return new Date(date).toISOString();
}
