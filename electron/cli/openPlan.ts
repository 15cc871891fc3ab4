import type { ApiContext } from '../core/api/context';
import type { PlanSession } from '../core/api/planSession';
import { openPlanSession, openPlanSessionToWrite } from '../core/api/planSession';
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

/**
 * A command that changes the plan. When a workbench on this computer has the plan open, the
 * command's calls go through it (planSession.ts), so its windows show the change at once; the
 * command says so on stderr.
 */
export async function openPlanToWrite(file: string, io: CliIo, extra: Partial<ApiContext> = {}): Promise<PlanSession> {
  const session = await openPlanSessionToWrite(file, 'cli', extra);
  if (session.through)
    io.stderr(`注意 / Note: 规划正在规划工作台中打开，经由它写入 / the plan is open in Planbench; writing through it`);
  return session;
}
