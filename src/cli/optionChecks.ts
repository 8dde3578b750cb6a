import { BatchError } from '../core/context/errors.js';
import { messages } from '../output/messages.js';

/**
 * A numeric option must be a whole number of at least `min` (yargs hands `--limit abc` on as NaN).
 * Checked in a command's run, not its builder, so the commands parsed without yargs check it too.
 */
export function requireWholeNumber(
  option: string,
  value: number | undefined,
  min: number,
  hint: string,
): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min)
    throw new BatchError(messages.badWholeNumber(option, value, min), { hint });
}
