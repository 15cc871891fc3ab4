import { useState } from 'react';
import type { ImportIssue, ImportPreview, PreviewRow } from '../../../../shared/contract/calls/importing';
import { fixKey } from './importState';

/**
 * The rows an import would write, every cell with what it will store and every issue marked:
 * carried merges, unknown and approximate amounts, converted units, units resolved or unknown,
 * markup removed, cells the column cannot take (red, click to correct), and for updates the value
 * a cell has now beside the one it will get.
 */

type TargetColumn = ImportPreview['target']['columns'][number];

export interface PreviewGridProps {
  columns: TargetColumn[];
  rows: PreviewRow[];
  fixes: ReadonlyMap<string, string>;
  onFix(r: number, columnKey: string, text: string | null): void;
}

const ACTION_LABELS: Record<PreviewRow['action'], string> = {
  insert: '新增',
  update: '更新',
  unchanged: '无变化',
  unmatched: '未匹配',
  ambiguous: '不唯一',
  duplicate: '重复',
};

function level(issues: readonly ImportIssue[] | undefined): 'error' | 'warning' | 'info' | null {
  if (!issues?.length) return null;
  if (issues.some((item) => item.level === 'error')) return 'error';
  if (issues.some((item) => item.level === 'warning')) return 'warning';
  return 'info';
}

function CellView({
  row,
  column,
  fix,
  onFix,
}: {
  row: PreviewRow;
  column: TargetColumn;
  fix: string | undefined;
  onFix: PreviewGridProps['onFix'];
}) {
  const [editing, setEditing] = useState(false);
  const cell = row.cells[column.key];
  const issues = cell?.issues;
  const mark = fix !== undefined ? 'fixed' : level(issues);
  const carried = issues?.some((item) => item.kind === 'carried' || item.kind === 'fromSection');
  const title = [
    ...(cell?.source !== undefined ? [`原文：${cell.source}`] : []),
    ...(cell?.before !== undefined ? [`现值：${cell.before || '（空）'}`] : []),
    ...(issues ?? []).map((item) => `${item.zh}（${item.en}）`),
    ...(fix !== undefined ? [`已改为：${fix}`] : []),
  ].join('\n');
  if (editing) {
    return (
      <td className="import-cell editing">
        <input
          autoFocus
          defaultValue={fix ?? cell?.source ?? cell?.text ?? ''}
          aria-label={`第 ${row.r} 行 ${column.name} 的修改`}
          onBlur={(event) => {
            setEditing(false);
            onFix(row.r, column.key, event.currentTarget.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.currentTarget.blur();
            if (event.key === 'Escape') setEditing(false);
          }}
        />
      </td>
    );
  }
  const className = [
    'import-cell',
    mark ? `mark-${mark}` : '',
    carried ? 'carried' : '',
    cell?.before !== undefined ? 'changed' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <td
      className={className}
      title={title || undefined}
      // Any cell can be corrected by double-click; a cell the column cannot take by a single one.
      onClick={() => mark === 'error' && setEditing(true)}
      onDoubleClick={() => setEditing(true)}
    >
      {cell?.before !== undefined && <span className="import-before">{cell.before || '（空）'} → </span>}
      {fix ?? cell?.text ?? ''}
      {mark === 'error' && fix === undefined && <span className="import-source-text">{cell?.source}</span>}
    </td>
  );
}

export function PreviewGrid({ columns, rows, fixes, onFix }: PreviewGridProps) {
  return (
    <div className="import-grid-scroll">
      <table className="import-grid">
        <thead>
          <tr>
            <th>源行</th>
            <th>操作</th>
            {columns.map((column) => (
              <th key={column.key}>
                {column.name}
                {column.moneyUnit ? `（${column.moneyUnit}）` : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.index}
              className={[
                row.hidden ? 'hidden-row' : '',
                row.parent !== null ? 'child-row' : '',
                `action-${row.action}`,
              ].join(' ')}
            >
              <td className="import-rownum" title={row.hidden ? '隐藏行（已一并导入）' : undefined}>
                {row.r}
                {row.hidden ? ' 隐' : ''}
              </td>
              <td className="import-action">{ACTION_LABELS[row.action]}</td>
              {columns.map((column) => (
                <CellView
                  key={column.key}
                  row={row}
                  column={column}
                  fix={fixes.get(fixKey(row.r, column.key))}
                  onFix={onFix}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
