import path from 'node:path';
import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { openPlanToRead, openPlanToWrite } from '../openPlan';
import { valueFlag } from './export';
import { localTime } from './history';
import { BACKUP_REASON_LABELS } from '../../../shared/contract/calls/planFiles';

const ACTIONS = ['list', 'restore', 'keep'] as const;

/**
 * `planbench backup list|restore|keep PLAN [--name BACKUP] [--days N] [--json]`: the automatic
 * backups made before every import and collect (in the folder "<plan>.备份" beside the plan):
 * list them, bring the plan back to one (the plan as it was is backed up first), or set for how
 * many days they are kept.
 */
export const backupCommand: CliCommand = {
  name: 'backup',
  usage:
    'backup list|restore|keep PLAN [--name BACKUP] [--days N]\n' +
    '                               导入、收回前的自动备份：列出、恢复、设定保留天数 / automatic backups: list, restore, keep days',
  flags: { '--name': 'value', '--days': 'value' },
  async run({ positionals, flags, json, io }) {
    const [action, ...rest] = positionals;
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
      throw new UsageError('backup 后须为 list、restore 或 keep / backup takes list, restore or keep');
    }
    const [planFile] = planArgument(`backup ${action}`, rest) as [string];
    const name = valueFlag(flags, '--name');
    const daysText = valueFlag(flags, '--days');
    if (action === 'restore' && name === undefined) {
      throw new UsageError('backup restore 需要 --name 备份文件名 / backup restore needs --name BACKUP');
    }
    if (action === 'keep' && (daysText === undefined || !/^\d+$/.test(daysText))) {
      throw new UsageError('backup keep 需要 --days 天数 / backup keep needs --days N');
    }
    const session = action === 'list' ? openPlanToRead(planFile, io) : await openPlanToWrite(planFile, io);
    try {
      const context = session.context;
      if (action === 'list') {
        const listed = await callApi(context, 'backups.list', {});
        if (json) io.stdout(JSON.stringify({ ok: true, ...listed }, null, 2));
        else {
          io.stdout(
            `备份文件夹 / folder: ${listed.folder}（保留 ${listed.keepDays} 天 / kept ${listed.keepDays} days）`,
          );
          if (listed.backups.length === 0) io.stdout('尚无备份 / no backups yet');
          for (const backup of listed.backups) {
            io.stdout(
              `${backup.name}\t${localTime(backup.at)}\t${BACKUP_REASON_LABELS[backup.reason].zh}\t${Math.ceil(backup.bytes / 1024)} KB`,
            );
          }
        }
      } else if (action === 'restore') {
        const result = await callApi(context, 'backups.restore', { name: name! });
        if (json) io.stdout(JSON.stringify({ ok: true, ...result }, null, 2));
        else
          io.stdout(
            `已将规划恢复为备份 ${result.restored.name}（${localTime(result.restored.at)}）；恢复前的规划已备份为 ${result.saved.name}`,
          );
      } else {
        const result = await callApi(context, 'backups.setKeepDays', { days: Number(daysText) });
        if (json) io.stdout(JSON.stringify({ ok: true, ...result }, null, 2));
        else io.stdout(`备份保留 ${result.keepDays} 天 / backups kept ${result.keepDays} days`);
      }
    } finally {
      session.close();
    }
    return 0;
  },
};

/** `planbench saveas PLAN COPY.planbench`: a consistent copy of the plan (另存为), made while others may write it. */
export const saveasCommand: CliCommand = {
  name: 'saveas',
  usage: 'saveas PLAN COPY.planbench         另存为一份副本 / save a copy of the plan',
  flags: {},
  async run({ positionals, json, io }) {
    const [planFile, copy] = planArgument('saveas', positionals, 2) as [string, string];
    const session = openPlanToRead(planFile, io);
    try {
      const made = await callApi(session.context, 'plan.saveAs', { saveTo: { path: copy } });
      if (json) io.stdout(JSON.stringify({ ok: true, ...made }, null, 2));
      else io.stdout(`已另存为 ${path.resolve(copy)}（${Math.ceil(made.bytes / 1024)} KB）`);
    } finally {
      session.close();
    }
    return 0;
  },
};
