import type { BatchCommand } from '../commandModule.js';
import { doctorCommand } from './doctor.js';
import { hookCommand } from './hook.js';
import { initCommand } from './init.js';
import { logCommand } from './log.js';
import { recordCommand } from './record.js';
import { resetCommand } from './reset.js';
import { statusCommand } from './status.js';

/** Every command, in the order `batch --help` lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own argument type
export const commands: BatchCommand<any>[] = [
  initCommand,
  recordCommand,
  statusCommand,
  logCommand,
  resetCommand,
  hookCommand,
  doctorCommand,
];
