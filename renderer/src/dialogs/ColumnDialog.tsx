import { useState } from 'react';
import type { SheetDetail } from '../../../shared/contract/contract';
import type { ColumnRole, ColumnType } from '../../../shared/model/columns';
import { COLUMN_ROLES, COLUMN_TYPES } from '../../../shared/model/columnTypes';
import type { MoneyUnit } from '../../../shared/values/money';
import { MONEY_UNITS } from '../../../shared/values/money';
import { api } from '../data/api';

export const TYPE_LABELS: Record<ColumnType, string> = {
  text: '文本',
  longText: '长文本（多行）',
  number: '数字',
  money: '金额',
  percent: '百分比',
  year: '年份',
  yearRange: '起止年限',
  date: '日期/时限',
  choice: '选项',
  department: '单位',
  departmentList: '单位列表（首个为牵头）',
  status: '状态',
};

export const ROLE_LABELS: Record<ColumnRole, string> = {
  seq: '序号',
  name: '名称',
  category: '大类',
  subcategory: '小类',
  content: '内容',
  period: '起止年限',
  investment: '投资',
  doneInvestment: '完成投资',
  completionRate: '完成率',
  leadUnit: '牵头单位',
  cooperatingUnits: '配合单位',
  responsibleUnits: '责任单位',
  deadline: '完成时限',
  startDate: '开始时间',
  progressNote: '进展情况',
  unit: '计量单位',
  standard: '指标值',
  attribute: '属性',
  baseline: '基期值',
  target: '目标值',
  compliance: '达标情况',
  district: '地区',
  allocationPeriod: '分解期',
  count: '数量',
  note: '备注',
};

export interface ColumnDialogProps {
  sheet: SheetDetail;
  /** The column to edit, or null to add one. */
  columnKey: string | null;
  onClose(): void;
  onSaved(message: string): void;
  onError(error: unknown): void;
}

/** Add a column, or rename one and set its type, role, unit, choices and visibility. */
export function ColumnDialog({ sheet, columnKey, onClose, onSaved, onError }: ColumnDialogProps) {
  const [key, setKey] = useState<string | null>(columnKey);
  const column = sheet.columns.find((candidate) => candidate.key === key) ?? null;
  const [name, setName] = useState(column?.name ?? '');
  const [type, setType] = useState<ColumnType>(column?.type ?? 'text');
  const [role, setRole] = useState<ColumnRole | ''>(column?.role ?? '');
  const [moneyUnit, setMoneyUnit] = useState<MoneyUnit>(column?.settings.moneyUnit ?? '万元');
  const [choices, setChoices] = useState((column?.settings.choices ?? []).join('、'));
  const [hidden, setHidden] = useState(column?.hidden ?? false);

  const pick = (next: string) => {
    const picked = sheet.columns.find((candidate) => candidate.key === next);
    setKey(next);
    setName(picked?.name ?? '');
    setType(picked?.type ?? 'text');
    setRole(picked?.role ?? '');
    setMoneyUnit(picked?.settings.moneyUnit ?? '万元');
    setChoices((picked?.settings.choices ?? []).join('、'));
    setHidden(picked?.hidden ?? false);
  };

  const settings = () => ({
    ...(column?.settings ?? {}),
    ...(type === 'money' ? { moneyUnit } : {}),
    ...(type === 'choice' || type === 'status'
      ? {
          choices: choices
            .split(/[、，,\n]/)
            .map((choice) => choice.trim())
            .filter(Boolean),
        }
      : {}),
  });

  const save = async () => {
    try {
      if (!column) {
        await api['columns.add']({ sheetId: sheet.id, name, type, role: role || null, settings: settings() });
        onSaved(`已添加列「${name}」`);
        return;
      }
      await api['columns.update']({
        sheetId: sheet.id,
        columnKey: column.key,
        name,
        type,
        role: role || null,
        settings: settings(),
      });
      if (hidden !== column.hidden)
        await api['columns.layout']({ sheetId: sheet.id, layout: [{ key: column.key, hidden }] });
      onSaved(`已修改列「${name}」`);
    } catch (error) {
      onError(error);
    }
  };

  return (
    <div className="dialog-backdrop" role="presentation" onMouseDown={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-label={column ? '列设置' : '添加列'}
        onMouseDown={(event) => event.stopPropagation()}
      >
        <h2>{column ? '列设置' : '添加列'}</h2>
        {columnKey !== null && (
          <label>
            列
            <select value={key ?? ''} onChange={(event) => pick(event.target.value)}>
              {sheet.columns.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>
                  {candidate.name}
                  {candidate.hidden ? '（已隐藏）' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          列名
          <input value={name} onChange={(event) => setName(event.target.value)} aria-label="列名" />
        </label>
        <label>
          类型
          <select value={type} onChange={(event) => setType(event.target.value as ColumnType)} aria-label="类型">
            {COLUMN_TYPES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {TYPE_LABELS[candidate]}
              </option>
            ))}
          </select>
        </label>
        <label>
          用途
          <select value={role} onChange={(event) => setRole(event.target.value as ColumnRole | '')} aria-label="用途">
            <option value="">（无）</option>
            {COLUMN_ROLES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {ROLE_LABELS[candidate]}
              </option>
            ))}
          </select>
        </label>
        {type === 'money' && (
          <label>
            金额单位
            <select value={moneyUnit} onChange={(event) => setMoneyUnit(event.target.value as MoneyUnit)}>
              {MONEY_UNITS.map((unit) => (
                <option key={unit}>{unit}</option>
              ))}
            </select>
          </label>
        )}
        {(type === 'choice' || type === 'status') && (
          <label>
            可选值（用“、”分隔）
            <input value={choices} onChange={(event) => setChoices(event.target.value)} />
          </label>
        )}
        {column && (
          <label className="checkbox">
            <input type="checkbox" checked={hidden} onChange={(event) => setHidden(event.target.checked)} /> 隐藏此列
          </label>
        )}
        <div className="dialog-buttons">
          <button onClick={onClose}>取消</button>
          <button className="primary" disabled={name.trim() === ''} onClick={() => void save()}>
            保存
          </button>
        </div>
      </div>
    </div>
  );
}
