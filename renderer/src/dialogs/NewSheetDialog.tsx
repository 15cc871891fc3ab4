import { useState } from 'react';
import type { SheetKind } from '../../../shared/model/columns';
import { SHEET_KIND_LABELS, SHEET_KINDS } from '../../../shared/model/columnTypes';
import { api } from '../data/api';
import { useEscape } from '../app/useEscape';

export interface NewSheetDialogProps {
  onClose(): void;
  onCreated(sheetId: number): void;
  onError(error: unknown): void;
}

/** A new sheet: its name and kind; the kind brings its usual columns (重点工程: 投资匡算, 责任主体…). */
export function NewSheetDialog({ onClose, onCreated, onError }: NewSheetDialogProps) {
  useEscape(onClose);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SheetKind>('projects');
  const create = async () => {
    try {
      const sheet = await api['sheets.create']({ name: name.trim(), kind });
      onCreated(sheet.id);
    } catch (error) {
      onError(error);
    }
  };
  return (
    <div className="dialog-backdrop" role="presentation" onMouseDown={onClose}>
      <div className="dialog" role="dialog" aria-label="新建工作表" onMouseDown={(event) => event.stopPropagation()}>
        <h2>新建工作表</h2>
        <label>
          名称
          <input aria-label="工作表名称" value={name} autoFocus onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          类型
          <select aria-label="工作表类型" value={kind} onChange={(event) => setKind(event.target.value as SheetKind)}>
            {SHEET_KINDS.map((candidate) => (
              <option key={candidate} value={candidate}>
                {SHEET_KIND_LABELS[candidate]}
              </option>
            ))}
          </select>
        </label>
        <div className="dialog-buttons">
          <button onClick={onClose}>取消</button>
          <button className="primary" disabled={name.trim() === ''} onClick={() => void create()}>
            新建
          </button>
        </div>
      </div>
    </div>
  );
}
