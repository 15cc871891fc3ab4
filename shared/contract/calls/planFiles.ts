import { z } from 'zod';
import { MONEY_UNITS } from '../../values/money';
import { call, Empty, Id } from '../define';
import { MadeFile, SaveTo } from '../files';
import { PlanMeta } from './core';

/**
 * The plan as a file: its metadata (title, 发文机关, 文号, period, money unit) edited as one
 * undoable action, a copy saved elsewhere (另存为), and the automatic backups made before every
 * import and collect (electron/core/store/planBackups.ts).
 */

export const Backup = z
  .object({
    /** The backup's file name, which names it in backups.restore. */
    name: z.string(),
    /** When it was made (ISO time, from its name). */
    at: z.string(),
    /** Why: before an import, a collect, a restore of a backup. */
    reason: z.enum(['import', 'collect', 'restore']),
    bytes: z.number().int(),
  })
  .strict();
export type Backup = z.infer<typeof Backup>;

/** Why a backup was made, as the CLI and the 规划文件 dialog say it. */
export const BACKUP_REASON_LABELS: Record<Backup['reason'], { zh: string; en: string }> = {
  import: { zh: '导入前', en: 'before an import' },
  collect: { zh: '收回前', en: 'before a collect' },
  restore: { zh: '恢复备份前', en: 'before restoring a backup' },
};

export const planFilesCalls = {
  'plan.meta.set': call(
    z
      .object({
        title: z.string().max(1000).optional(),
        issuer: z.string().max(1000).optional(),
        docNumber: z.string().max(1000).optional(),
        periodStart: z.number().int().nullable().optional(),
        periodEnd: z.number().int().nullable().optional(),
        baseYear: z.number().int().nullable().optional(),
        moneyUnit: z.enum(MONEY_UNITS).optional(),
      })
      .strict(),
    z.object({ meta: PlanMeta, actionId: Id.nullable() }).strict(),
    "Edit the plan's metadata as one undoable action; a bad value refuses the whole edit, naming the field.",
  ),
  'plan.saveAs': call(
    z.object({ saveTo: SaveTo.optional() }).strict(),
    MadeFile,
    'A consistent copy of the plan (另存为), made while others may be writing it; the open plan stays open.',
  ),
  'backups.list': call(
    Empty,
    z.object({ folder: z.string(), keepDays: z.number().int(), backups: z.array(Backup) }).strict(),
    'The automatic backups beside the plan, newest first, and for how many days they are kept.',
  ),
  'backups.restore': call(
    z.object({ name: z.string().min(1) }).strict(),
    z.object({ restored: Backup, saved: Backup }).strict(),
    'Bring the whole plan back to a backup; the plan as it was is backed up first, so this too can be taken back.',
  ),
  'backups.setKeepDays': call(
    z.object({ days: z.number().int().min(1).max(3650) }).strict(),
    z.object({ keepDays: z.number().int() }).strict(),
    'For how many days the automatic backups are kept (default 30); older ones go when a new one is made.',
  ),
};
