import type { CliCommand } from '../command';
import { printCommand } from './print';
import { checkCommand } from './check';
import { newCommand } from './new';
import { serveCommand } from './serve';
import { summaryCommand } from './summary';

/** Every `planbench` subcommand, in the order the usage text lists them. */
export const COMMANDS: readonly CliCommand[] = [newCommand, summaryCommand, checkCommand, printCommand, serveCommand];
