import { createInterface } from 'node:readline/promises';
import { BatchError } from '../core/context/errors.js';

/**
 * Asks a yes/no question on the terminal (default no). Without a terminal it refuses with a hint to
 * pass --yes, so nothing destructive ever happens in a script by accident.
 */
export async function confirm(
  question: string,
  refusal: { message: string; hint: string },
): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY)
    throw new BatchError(refusal.message, { hint: refusal.hint });
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
