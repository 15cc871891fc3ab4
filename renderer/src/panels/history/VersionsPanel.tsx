import { useState } from 'react';
import type { SheetComparison, VersionComparison } from '../../../../shared/contract/calls/versions';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { download, localTime } from '../../app/files';
import { askConfirm, askText } from '../../dialogs/askUser';
import { useLoad } from '../checks/useLoad';
import './history.css';

/**
 * Named versions (初稿, 征求意见稿…): save the plan as a version, list them, compare one with now
 * or with another version — every change listed, each taking the user to its cell — write the
 * 修改对照表 (.xlsx or PDF), and restore the plan to a version (one action, undone by Ctrl+Z).
 */

export interface VersionsPanelProps {
  onGoToRow(sheetId: number, rowId: number, columnKey?: string): void;
  /** Changes after every edit: the comparison with now is made again. */
  refreshKey: number;
  readOnly: boolean;
  /** Show a version read-only beside the current sheet. */
  onOpenVersion(name: string): void;
}

const signed = (value: string | null) => (value === null ? '' : value.startsWith('-') ? value : `+${value}`);

export function VersionsPanel({ onGoToRow, refreshKey, readOnly, onOpenVersion }: VersionsPanelProps) {
  const [saved, setSaved] = useState(0);
  const versions = useLoad(() => api['versions.list']({}), [saved]);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string>('');
  const [error, setError] = useState<unknown>(null);
  const comparison = useLoad(
    () =>
      from === null
        ? Promise.resolve(null)
        : api['versions.compare'](to === '' ? { from } : { from, to }).catch((failure: unknown) => {
            setError(failure);
            return null;
          }),
    // Two saved versions do not change with edits: only a comparison with now follows them.
    [from, to, to === '' ? refreshKey : 0, saved],
  );

  const save = async () => {
    const name = await askText({ title: '保存版本', label: '版本名称（如 初稿、征求意见稿）/ Version name' });
    if (!name) return;
    try {
      await api['versions.save']({ name });
      setSaved((count) => count + 1);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  };

  const restore = async (name: string) => {
    const sure = await askConfirm({
      title: '恢复到版本',
      message: `把整个规划恢复到版本“${name}”？这是一次操作，可以撤销（Ctrl+Z）。`,
      confirmLabel: '恢复',
    });
    if (!sure) return;
    api['versions.restore']({ version: name }).then(() => setError(null), setError);
  };

  const writeTable = (format: 'xlsx' | 'pdf') => {
    if (from === null) return;
    api['versions.compareFile'](to === '' ? { from, format } : { from, to, format }).then(download, setError);
  };

  return (
    <section className="hv-panel" aria-label="版本">
      <header className="hv-header">
        <h2>版本</h2>
        <button type="button" onClick={() => void save()} disabled={readOnly}>
          保存版本…
        </button>
      </header>
      <ErrorBanner error={error ?? versions.error} />
      {versions.data?.versions.length === 0 && <p className="hv-muted">还没有保存过版本。</p>}
      <ul className="hv-versions">
        {versions.data?.versions.map((version) => (
          <li key={version.id} className={from === version.name ? 'hv-version active' : 'hv-version'}>
            <span className="hv-version-name">{version.name}</span>
            <span className="hv-muted">{localTime(version.at)}</span>
            <button type="button" onClick={() => onOpenVersion(version.name)}>
              查看
            </button>
            <button type="button" onClick={() => setFrom(version.name)}>
              比较
            </button>
            <button type="button" onClick={() => void restore(version.name)} disabled={readOnly}>
              恢复
            </button>
          </li>
        ))}
      </ul>
      {from !== null && (
        <div className="hv-compare">
          <label>
            “{from}” 与{' '}
            <select value={to} onChange={(event) => setTo(event.target.value)} aria-label="比较对象">
              <option value="">当前</option>
              {versions.data?.versions
                .filter((version) => version.name !== from)
                .map((version) => (
                  <option key={version.id} value={version.name}>
                    {version.name}
                  </option>
                ))}
            </select>
          </label>
          <button type="button" onClick={() => writeTable('xlsx')}>
            修改对照表 .xlsx
          </button>
          <button type="button" onClick={() => writeTable('pdf')}>
            PDF
          </button>
        </div>
      )}
      {comparison.data && <ComparisonList comparison={comparison.data} onGoToRow={onGoToRow} />}
    </section>
  );
}

function ComparisonList({
  comparison,
  onGoToRow,
}: {
  comparison: VersionComparison;
  onGoToRow: VersionsPanelProps['onGoToRow'];
}) {
  if (comparison.sheets.length === 0) return <p className="hv-muted">没有变化。</p>;
  return (
    <div className="hv-changes">
      {comparison.sheets.map((sheet) => (
        <SheetChanges key={sheet.sheetId} sheet={sheet} onGoToRow={onGoToRow} />
      ))}
    </div>
  );
}

function SheetChanges({ sheet, onGoToRow }: { sheet: SheetComparison; onGoToRow: VersionsPanelProps['onGoToRow'] }) {
  const live = sheet.status !== 'deleted';
  return (
    <div className="hv-sheet">
      <h3>
        {sheet.name}
        {sheet.nameBefore && <span className="hv-muted">（原名“{sheet.nameBefore}”）</span>}
        {sheet.status === 'added' && <span className="hv-muted">（新建）</span>}
        {sheet.status === 'deleted' && <span className="hv-muted">（已删除）</span>}
      </h3>
      {sheet.totals.map((total) => (
        <p key={total.columnKey} className="hv-total">
          合计 {total.columnName}：{total.sumBefore ?? '—'} → {total.sumAfter ?? '—'}（{signed(total.difference)}
          {total.unit ?? ''}）
        </p>
      ))}
      {sheet.categories.map((group) => (
        <p key={group.category} className="hv-total">
          {group.category || '（未分类）'}：{group.countBefore} 项 {group.sumBefore ?? ''} → {group.countAfter} 项{' '}
          {group.sumAfter ?? ''}（{signed(group.difference)}）
        </p>
      ))}
      <ul className="hv-list">
        {sheet.cells.map((cell) => (
          <li key={`${cell.rowId}:${cell.columnKey}`}>
            <button
              type="button"
              className="hv-change"
              disabled={!live}
              onClick={() => onGoToRow(sheet.sheetId, cell.rowId, cell.columnKey)}
            >
              <span className="hv-where">
                {cell.label} · {cell.columnName}
              </span>
              <span className="hv-before">{cell.before || '（空）'}</span> →{' '}
              <span className="hv-after">{cell.after || '（空）'}</span>
              {cell.difference !== null && (
                <span className="hv-diff">
                  {signed(cell.difference)}
                  {cell.unit}
                </span>
              )}
            </button>
          </li>
        ))}
        {sheet.addedRows.map((row) => (
          <li key={`added:${row.rowId}`}>
            <button
              type="button"
              className="hv-change hv-added"
              disabled={!live}
              onClick={() => onGoToRow(sheet.sheetId, row.rowId)}
            >
              新增行 {row.label}
            </button>
          </li>
        ))}
        {sheet.deletedRows.map((row) => (
          <li key={`deleted:${row.rowId}`} className="hv-deleted">
            删除行 {row.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
