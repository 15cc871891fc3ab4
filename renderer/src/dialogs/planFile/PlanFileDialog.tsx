import { useState } from 'react';
import type { PlanMeta } from '../../../../shared/contract/contract';
import { metaProblems } from '../../../../shared/rules/planMetaRules';
import { MONEY_UNITS } from '../../../../shared/values/money';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { download, localTime } from '../../app/files';
import { useEscape } from '../../app/useEscape';
import { askConfirm } from '../askUser';
import { useLoad } from '../../panels/checks/useLoad';
import './planFile.css';
import { BACKUP_REASON_LABELS } from '../../../../shared/contract/calls/planFiles';

/**
 * The plan as a file: its details (规划名称, 发文机关, 文号, 规划期, 金额单位 — saved as one action
 * that Ctrl+Z takes back; a bad value is named before anything is sent), 另存为 a copy, and the
 * automatic backups made before every import and collect, each of which the plan can be brought
 * back to.
 */

export interface PlanFileDialogProps {
  meta: PlanMeta;
  readOnly: boolean;
  onClose(): void;
  /** The plan changed as a whole (details saved, a backup restored): read it again. */
  onChanged(): void;
}

const yearOf = (text: string): number | null => (text.trim() === '' ? null : Number(text.trim()));

export function PlanFileDialog({ meta, readOnly, onClose, onChanged }: PlanFileDialogProps) {
  useEscape(onClose);
  const [title, setTitle] = useState(meta.title);
  const [issuer, setIssuer] = useState(meta.issuer);
  const [docNumber, setDocNumber] = useState(meta.docNumber);
  const [periodStart, setPeriodStart] = useState(meta.periodStart?.toString() ?? '');
  const [periodEnd, setPeriodEnd] = useState(meta.periodEnd?.toString() ?? '');
  const [moneyUnit, setMoneyUnit] = useState(meta.moneyUnit);
  const [error, setError] = useState<unknown>(null);
  const [restored, setRestored] = useState(0);
  const backups = useLoad(() => api['backups.list']({}), [restored]);

  const fields = {
    title,
    issuer,
    docNumber,
    periodStart: yearOf(periodStart),
    periodEnd: yearOf(periodEnd),
    baseYear: meta.baseYear,
  };
  const problems = metaProblems(fields);

  const save = async () => {
    try {
      await api['plan.meta.set']({ ...fields, moneyUnit });
      onChanged();
      onClose();
    } catch (failure) {
      setError(failure);
    }
  };

  const restore = async (name: string, at: string) => {
    const sure = await askConfirm({
      title: '恢复备份',
      message: `把整个规划恢复为 ${localTime(at)} 的备份？恢复前的规划会先另行备份，可再恢复回来。`,
      confirmLabel: '恢复',
    });
    if (!sure) return;
    try {
      await api['backups.restore']({ name });
      setRestored((count) => count + 1);
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="dialog-backdrop" role="presentation" onMouseDown={onClose}>
      <div
        className="dialog pf-dialog"
        role="dialog"
        aria-label="规划文件"
        onMouseDown={(event) => event.stopPropagation()}
      >
        <h2>规划信息</h2>
        <ErrorBanner error={error ?? backups.error} />
        <label>
          规划名称
          <input aria-label="规划名称" value={title} onChange={(event) => setTitle(event.target.value)} />
        </label>
        <label>
          发文机关
          <input aria-label="发文机关" value={issuer} onChange={(event) => setIssuer(event.target.value)} />
        </label>
        <label>
          文号
          <input
            aria-label="文号"
            placeholder="常政发〔2021〕12号"
            value={docNumber}
            onChange={(event) => setDocNumber(event.target.value)}
          />
        </label>
        <label>
          规划期
          <span className="pf-period">
            <input
              aria-label="规划期起始年"
              inputMode="numeric"
              value={periodStart}
              onChange={(event) => setPeriodStart(event.target.value)}
            />
            —
            <input
              aria-label="规划期结束年"
              inputMode="numeric"
              value={periodEnd}
              onChange={(event) => setPeriodEnd(event.target.value)}
            />
            年
          </span>
        </label>
        <label>
          金额单位
          <select
            aria-label="金额单位"
            value={moneyUnit}
            onChange={(event) => setMoneyUnit(event.target.value as PlanMeta['moneyUnit'])}
          >
            {MONEY_UNITS.map((unit) => (
              <option key={unit}>{unit}</option>
            ))}
          </select>
        </label>
        {problems.length > 0 && (
          <ul className="pf-problems" role="alert">
            {problems.map((problem) => (
              <li key={problem.field + problem.zh}>{problem.zh}</li>
            ))}
          </ul>
        )}
        <div className="dialog-buttons">
          <button onClick={() => api['plan.saveAs']({}).then(download, setError)}>另存为…</button>
          <button onClick={onClose}>取消</button>
          <button className="primary" disabled={readOnly || problems.length > 0} onClick={() => void save()}>
            保存
          </button>
        </div>
        <h3>自动备份</h3>
        <p className="pf-muted">
          每次导入、收回前自动备份到 {backups.data?.folder ?? '规划旁的“.备份”文件夹'}，保留{' '}
          {backups.data?.keepDays ?? 30} 天。
        </p>
        {backups.data?.backups.length === 0 && <p className="pf-muted">尚无备份。</p>}
        <ul className="pf-backups">
          {backups.data?.backups.map((backup) => (
            <li key={backup.name}>
              <span>{localTime(backup.at)}</span>
              <span className="pf-muted">{BACKUP_REASON_LABELS[backup.reason].zh}</span>
              <span className="pf-muted">{Math.ceil(backup.bytes / 1024)} KB</span>
              <button disabled={readOnly} onClick={() => void restore(backup.name, backup.at)}>
                恢复
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
