import path from 'node:path';

/**
 * The plan a command line names: the first argument ending in .planbench (any case), resolved
 * against the directory the command ran in — a double-click on a plan passes its path, a second
 * launch passes its own argv and working directory to the running instance.
 */
export function planFileFromArgs(argv: readonly string[], workingDirectory: string): string | null {
  const argument = argv.slice(1).find((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.planbench'));
  return argument ? path.resolve(workingDirectory, argument) : null;
}
