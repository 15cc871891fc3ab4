import type { ApiContext } from '../core/api/context';
import type { PlanSession } from '../core/api/planSession';
import { openPlanSession } from '../core/api/planSession';
import type { CliIo } from './command';

/**
 * Opening the plan a command works on (see planSession.ts). A plan whose file or folder cannot
 * be written opens read-only: commands that only read it (summary, check, export, print, serve…)
 * go on and say so on stderr, so a script's stdout stays as it was; commands that would change it
 * refuse at once with exit 1, before anything — the plan or any other file — is written.
 */
export function openPlanToRead(file: string, io: CliIo, extra: Partial<ApiContext> = {}): PlanSession {
  const session = openPlanSession(file, 'read', 'cli', extra);
  if (session.readOnlyNote) io.stderr(`注意 / Note: ${session.readOnlyNote}`);
  return session;
}

export function openPlanToWrite(file: string, extra: Partial<ApiContext> = {}): PlanSession {
  return openPlanSession(file, 'write', 'cli', extra);
}
