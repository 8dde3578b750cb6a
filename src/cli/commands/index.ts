import type { BatchCommand } from '../commandModule.js';
import { baselineCommand } from './baseline.js';
import { compareCommand } from './compare.js';

/** Every command, in the order `batch --help` lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own argument type
export const commands: BatchCommand<any>[] = [baselineCommand, compareCommand];
