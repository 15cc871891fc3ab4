import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentPreview } from '../../../../shared/contract/calls/documents';
import { ErrorBanner } from '../../app/ErrorBanner';
import { uploadPickedFile } from '../../app/files';
import { api } from '../../data/api';
import type { EditableRow } from './documentRows';
import { acceptedRows, editableRows, mergeUp, splitAt, typedUnits, updateRow } from './documentRows';
import './documentImport.css';

/**
 * A policy document dropped on or picked in the import dialog: its proposed task breakdown, one
 * row per task with how sure the reading is and why, units the plan does not know marked. The user
 * corrects (edit any text, re-assign units, merge a row into the one above, split one after its
 * first sentence, leave rows out) and imports: one new 任务分解 sheet, one undoable action.
 */

export interface DocumentImportProps {
  file: File;
  onClose(): void;
  onImported(sheetId: number): void;
}

const FROM = { body: '正文的编号任务', table: '文档中的任务分解表', 'body+attachment': '正文任务与附件责任分工表' };

function UnitsInput({
  label,
  units,
  unknown,
  onChange,
}: {
  label: string;
  units: string[];
  unknown: string[];
  onChange(units: string[]): void;
}) {
  const flagged = units.filter((unit) => unknown.includes(unit));
  return (
    <input
      aria-label={label}
      className={flagged.length > 0 ? 'doc-unknown' : undefined}
      title={flagged.length > 0 ? `单位名单中没有：${flagged.join('、')}` : undefined}
      defaultValue={units.join('、')}
      onBlur={(event) => onChange(typedUnits(event.target.value))}
    />
  );
}

export function DocumentImport({ file, onClose, onImported }: DocumentImportProps) {
  const [preview, setPreview] = useState<DocumentPreview | null>(null);
  const [rows, setRows] = useState<EditableRow[]>([]);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<string | null>('正在读取文档…');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const previewId = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const picked = await uploadPickedFile(file);
        const result = await api['documents.preview']({ file: { upload: picked.upload } });
        if (!live) return void api['documents.cancel']({ previewId: result.previewId }).catch(() => {});
        previewId.current = result.previewId;
        setPreview(result);
        setRows(editableRows(result.rows));
        setName(result.sheetName);
        setBusy(null);
      } catch (failure) {
        if (live) {
          setError(failure);
          setBusy(null);
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [file]);

  const close = useCallback(() => {
    if (previewId.current) void api['documents.cancel']({ previewId: previewId.current }).catch(() => {});
    onClose();
  }, [onClose]);

  const commit = useCallback(async () => {
    if (!preview) return;
    setBusy('正在导入…');
    try {
      const result = await api['documents.commit']({ previewId: preview.previewId, name, rows: acceptedRows(rows) });
      previewId.current = null;
      setDone(`已导入到“${result.sheetName}”：${result.inserted} 项任务`);
      setBusy(null);
      onImported(result.sheetId);
    } catch (failure) {
      setError(failure);
      setBusy(null);
    }
  }, [preview, name, rows, onImported]);

  const included = rows.filter((row) => row.included).length;
  const edit = (index: number, change: Partial<EditableRow>) => setRows((current) => updateRow(current, index, change));

  return (
    <div className="import-wizard document-import" role="dialog" aria-modal="true" aria-label="分解政策文件">
      <header className="import-bar">
        <h2>分解政策文件</h2>
        <span className="import-file">{file.name}</span>
        {preview && (
          <span className="import-format">
            {preview.format}
            {preview.encoding ? ` · ${preview.encoding}` : ''}
          </span>
        )}
        <span className="import-status" role="status">
          {busy ?? done ?? ''}
        </span>
        <button onClick={close}>{done ? '关闭' : '取消'}</button>
        <button
          className="primary"
          disabled={!preview || busy !== null || done !== null || included === 0}
          onClick={() => void commit()}
        >
          导入 {included} 项任务
        </button>
      </header>
      <ErrorBanner error={error} />
      {preview && !done && (
        <>
          <div className="doc-summary">
            <label>
              新工作表名称{' '}
              <input aria-label="新工作表名称" value={name} onChange={(event) => setName(event.target.value)} />
            </label>
            <span>
              来源：{FROM[preview.from]}；{preview.rows.length} 行，其中 {preview.summary.lowConfidence} 行把握不大
              {preview.contextYear ? `；无年份的时限按 ${preview.contextYear} 年` : ''}
            </span>
            {preview.summary.unknownUnits.length > 0 && (
              <span className="doc-unknown-list">
                单位名单中没有（按原文保留）：{preview.summary.unknownUnits.join('、')}
              </span>
            )}
            {preview.mismatches.length > 0 && (
              <details open>
                <summary>正文与附件对不上的 {preview.mismatches.length} 处</summary>
                <ul>
                  {preview.mismatches.map((mismatch, index) => (
                    <li key={index}>{mismatch.zh}</li>
                  ))}
                </ul>
              </details>
            )}
          </div>
          <div className="doc-rows">
            <table aria-label="拟导入的任务">
              <thead>
                <tr>
                  <th>导入</th>
                  <th>序号</th>
                  <th>板块</th>
                  <th>工作事项</th>
                  <th>具体内容</th>
                  <th>牵头单位</th>
                  <th>配合单位</th>
                  <th>完成时限</th>
                  <th>出处</th>
                  <th>把握</th>
                  <th>调整</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={row.key} className={row.confidence < 0.7 ? 'doc-unsure' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`导入第${row.seq}项`}
                        checked={row.included}
                        onChange={(event) => edit(index, { included: event.target.checked })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label="序号"
                        className="doc-seq"
                        value={row.seq}
                        onChange={(event) => edit(index, { seq: event.target.value })}
                      />
                    </td>
                    <td className="doc-section">{row.section}</td>
                    <td>
                      <textarea
                        aria-label="工作事项"
                        value={row.item}
                        onChange={(event) => edit(index, { item: event.target.value })}
                      />
                    </td>
                    <td>
                      <textarea
                        aria-label="具体内容"
                        className="doc-content"
                        value={row.content}
                        onChange={(event) => edit(index, { content: event.target.value })}
                      />
                    </td>
                    <td>
                      <UnitsInput
                        key={row.lead.join('、')}
                        label="牵头单位"
                        units={row.lead}
                        unknown={row.unknown}
                        onChange={(lead) => edit(index, { lead })}
                      />
                    </td>
                    <td>
                      <UnitsInput
                        key={row.coop.join('、')}
                        label="配合单位"
                        units={row.coop}
                        unknown={row.unknown}
                        onChange={(coop) => edit(index, { coop })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label="完成时限"
                        value={row.deadline}
                        onChange={(event) => edit(index, { deadline: event.target.value })}
                      />
                    </td>
                    <td>{row.source}</td>
                    <td title={row.reasons.map((reason) => reason.zh).join('\n')} className="doc-confidence">
                      {Math.round(row.confidence * 100)}%
                    </td>
                    <td className="doc-actions">
                      <button disabled={index === 0} onClick={() => setRows((current) => mergeUp(current, index))}>
                        并入上一行
                      </button>
                      <button
                        disabled={!row.content.includes('。')}
                        onClick={() => setRows((current) => splitAt(current, index, 1))}
                      >
                        拆分
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
