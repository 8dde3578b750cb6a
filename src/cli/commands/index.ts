import type { BatchCommand } from '../commandModule.js';
import { baselineCommand } from './baseline.js';
import { compareCommand } from './compare.js';
import { doctorCommand } from './doctor.js';
import { historyCommand } from './history.js';
import { hookCommand } from './hook.js';
import { hookRunCommand } from './hookRun.js';
import { initCommand } from './init.js';
import { logCommand } from './log.js';
import { recordCommand } from './record.js';
import { reportCommand } from './report.js';
import { resetCommand } from './reset.js';
import { statusCommand } from './status.js';
import { testCommand } from './test.js';

/** Every command, in the order `batch --help` lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own argument type
export const commands: BatchCommand<any>[] = [
  initCommand,
  recordCommand,
  statusCommand,
  logCommand,
  testCommand,
  reportCommand,
  historyCommand,
  resetCommand,
  hookCommand,
  hookRunCommand,
  doctorCommand,
  baselineCommand,
  compareCommand,
];
