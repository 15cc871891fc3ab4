import type { CliCommand } from '../command';
import { allocateCommand } from './allocate';
import { investplanCommand, shareCommand } from './budgets';
import { checkCommand } from './check';
import { collectCommand } from './collect';
import { commentCommand } from './comment';
import { diffCommand } from './diff';
import { exportCommand } from './export';
import { historyCommand } from './history';
import { importCommand } from './import';
import { newCommand } from './new';
import { printCommand } from './print';
import { progressCommand } from './progress';
import { reportCommand } from './report';
import { roundCommand } from './round';
import { rowsCommand } from './rows';
import { sendoutCommand } from './sendout';
import { serveCommand } from './serve';
import { summaryCommand } from './summary';
import { versionCommand } from './version';
import { metaCommand } from './meta';
import { backupCommand, saveasCommand } from './backup';

/** Every `planbench` subcommand, in the order the usage text lists them. */
export const COMMANDS: readonly CliCommand[] = [
  newCommand,
  summaryCommand,
  rowsCommand,
  importCommand,
  checkCommand,
  printCommand,
  progressCommand,
  roundCommand,
  reportCommand,
  exportCommand,
  sendoutCommand,
  collectCommand,
  allocateCommand,
  investplanCommand,
  shareCommand,
  historyCommand,
  commentCommand,
  versionCommand,
  diffCommand,
  metaCommand,
  backupCommand,
  saveasCommand,
  serveCommand,
];
