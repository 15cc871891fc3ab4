import type { planFilesCalls } from '../../../../shared/contract/calls/planFiles';
import { safeFileName } from '../../export/exportWorkbook';
import type { HandlersFor } from '../context';
import { filesOf } from '../files';

/** The plan as a file: metadata, Save As, backups (electron/core/store/planBackups.ts). */
export const planFilesHandlers: HandlersFor<typeof planFilesCalls> = {
  'plan.meta.set': ({ store }, patch) => {
    const actionId = store.editMeta(patch, { source: 'user', label: '修改规划信息' });
    return { meta: store.getMeta(), actionId };
  },

  'plan.saveAs': (context, { saveTo }) => {
    const out = filesOf(context).make(saveTo, safeFileName(context.store.getMeta().title, '.planbench'));
    return out.made(context.store.copyTo(out.path));
  },

  'backups.list': ({ store }) => store.listBackups(),

  'backups.restore': ({ store }, { name }) => store.restoreBackup(name),

  'backups.setKeepDays': ({ store }, { days }) => {
    store.setBackupKeepDays(days);
    return { keepDays: store.listBackups().keepDays };
  },
};
