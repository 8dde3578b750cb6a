/**
 * A JUnit `time` attribute in seconds, read leniently (research/reports.md §1.5): thousands commas
 * (`2,120.532`), decimal commas (`0,03`, `1,234`,
 * `1.234,5`: one comma and no dot is read as a decimal comma), exponents (`1.0E-4`). Missing, empty, negative
 * or unreadable (`NaN`) gives null, never 0.
 */
export function parseSeconds(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  // the common case: a plain decimal number
  const plain = Number(value);
  if (Number.isFinite(plain) && plain >= 0 && value.trim() !== '') return plain;
  let s = value?.trim().replace(/\s*s(?:ec)?$/i, '');
  if (!s) return null;
  if (/^\d{1,3}(?:,\d{3})+\.\d+$|^\d{1,3}(?:,\d{3}){2,}$/.test(s)) s = s.replace(/,/g, '');
  else if (/^\d+,\d+$/.test(s)) s = s.replace(',', '.');
  else if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Seconds to milliseconds, rounded to the microsecond so `0.1516` does not read `151.60000000000002`. */
export function secondsToMs(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds * 1e6) / 1e3;
}

/** Milliseconds rounded to the microsecond (float noise such as `1.2071569999999952` removed); null stays null. */
export function roundMs(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms * 1e3) / 1e3;
}
