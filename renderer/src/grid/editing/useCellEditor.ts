import { useEffect, useEffectEvent, useRef } from 'react';
import type { RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { Department } from '../../../../shared/contract/contract';
import { parseCellInput } from '../../../../shared/values/cells';
import type { ColumnDef } from '../../../../shared/model/columns';
import { isDepartmentType } from '../../../../shared/model/columnTypes';
import { splitDepartmentText, suggestDepartments } from '../../../../shared/rules/departments';
import { isComputedColumn } from '../../../../shared/rules/budgets/executionRate';
import type { MoneyUnit } from '../../../../shared/values/money';
import type { AnyRow } from '../cellDisplay';
import { displayUnit } from '../cellDisplay';
import { loadDepartments } from '../departments';
import type { EditorTarget, Suggestion } from './CellEditorOverlay';
import { CellEditorOverlay } from './CellEditorOverlay';
import { textToEdit, textToSave } from './editorText';
import type { EditMode, EditStart, Move } from './keys';
import type { GridPoint } from './navigation';
import { moveTarget } from './navigation';

export interface CellEditorOptions {
  host: RefObject<HTMLDivElement | null>;
  gridApi: RefObject<GridApi<AnyRow> | null>;
  columns: readonly ColumnDef[];
  moneyUnit: MoneyUnit | null;
  /** Save one cell's new text (already in the column's terms); settles once the plan has answered. */
  save(rowId: number, columnKey: string, text: string): Promise<void>;
  /** The active cell moved (the selection follows). */
  select(point: GridPoint): void;
  /** The editor opened, switched mode (F2) or closed: the status line says so. */
  modeChanged(mode: EditMode | null): void;
}

interface OpenEdit {
  point: GridPoint;
  rowId: number;
  column: ColumnDef;
  /** What an F2 / double-click editor opened with: leaving it as it was is no change. */
  shown: string | null;
  /** The cell's text as stored: saving the same text again is no change either. */
  stored: string;
  /** The unit typed numbers meant while this edit was open. */
  unit: MoneyUnit;
}

const LIST_SEPARATOR = '、';

/** The cell element at a displayed row and column, if it is rendered. */
export function cellElement(host: HTMLElement | null, rowIndex: number, columnKey: string): HTMLElement | null {
  return (
    host?.querySelector<HTMLElement>(
      `.ag-row[row-index="${rowIndex}"]:not(.ag-row-pinned) .ag-cell[col-id="${CSS.escape(columnKey)}"]`,
    ) ?? null
  );
}

/**
 * The grid's cell editing: opening the editor (typing, IME, Backspace, F2, double-click), saving
 * what was typed in the unit it was typed in, and moving the active cell the way Excel does.
 */
export function useCellEditor(options: CellEditorOptions) {
  const current = useRef(options);
  current.current = options;
  const overlay = useRef<CellEditorOverlay | null>(null);
  const open = useRef<OpenEdit | null>(null);
  const departments = useRef<Department[]>([]);
  /**
   * Entries saved but not yet answered, by "rowId:columnKey": a fast typist may come back to a
   * cell (↑, F2) before the plan has answered, and must find what they typed, not the old text.
   */
  const pending = useRef(new Map<string, { text: string; serial: number }>());
  const serial = useRef(0);

  const columnsShown = () => current.current.gridApi.current?.getAllDisplayedColumns() ?? [];

  /** Put the active cell (focus and selection) at a point, bringing it into view. */
  const focusAt = (point: GridPoint) => {
    const grid = current.current.gridApi.current;
    const column = columnsShown()[point.col];
    if (!grid || !column) return;
    grid.ensureIndexVisible(point.row);
    grid.ensureColumnVisible(column);
    grid.setFocusedCell(point.row, column);
    current.current.select(point);
  };

  /** Where a move leads from a point, over the rows and columns on screen. */
  const targetOf = (from: GridPoint, move: Move): GridPoint => {
    const grid = current.current.gridApi.current;
    const columns = columnsShown();
    if (!grid) return from;
    return moveTarget(move, from, {
      rows: grid.getDisplayedRowCount(),
      cols: columns.length,
      isBlank: (row, col) => {
        const data = grid.getDisplayedRowAtIndex(row)?.data;
        const key = columns[col]?.getColId();
        return data?.kind !== 'data' || !key || (data.cells[key]?.text ?? '') === '';
      },
    });
  };

  const move = (from: GridPoint, where: Move) => focusAt(targetOf(from, where));

  // The editor lives as long as the grid's host; it reads everything else through `current`.
  const mountEditor = useEffectEvent(() => {
    const host = current.current.host.current;
    if (!host) return;
    const editor = new CellEditorOverlay(host, {
      commit: (text, where) => {
        const edit = open.current;
        open.current = null;
        if (!edit) return;
        const saved = textToSave(edit.column, text, edit.unit);
        if (text !== edit.shown && saved !== edit.stored) {
          const key = `${edit.rowId}:${edit.column.key}`;
          const mine = ++serial.current;
          // What the plan will keep (trimmed, as the store parses it); a value it will refuse
          // leaves the old text in place, so nothing is pending.
          const parsed = parseCellInput(edit.column, saved);
          if (parsed.ok) pending.current.set(key, { text: parsed.cell.text, serial: mine });
          void current.current.save(edit.rowId, edit.column.key, saved).finally(() => {
            if (pending.current.get(key)?.serial === mine) pending.current.delete(key);
          });
        }
        move(edit.point, where);
      },
      cancel: () => {
        const edit = open.current;
        open.current = null;
        if (edit) focusAt(edit.point);
      },
      modeChanged: (mode) => current.current.modeChanged(mode),
    });
    overlay.current = editor;
    void loadDepartments().then(
      (list) => (departments.current = list),
      () => undefined,
    );
    return () => {
      editor.destroy();
      overlay.current = null;
    };
  });
  useEffect(() => mountEditor(), []);

  const suggestionsFor = (column: ColumnDef): Pick<EditorTarget, 'suggest' | 'pick' | 'hint'> => {
    if (isDepartmentType(column.type)) {
      const multiple = column.type === 'departmentList';
      const lastPart = (text: string) => (multiple ? (text.split(/[、，,；;]/).pop() ?? '') : text);
      return {
        // A name or alias the plan knows needs no offer, so Enter saves it; a part of one
        // ("资规") is offered its units, and Enter takes the first.
        suggest: (text) => {
          const typed = lastPart(text).trim();
          const known = departments.current.some((department) =>
            [department.name, department.shortName, ...department.aliases].includes(typed),
          );
          if (known) return [];
          return suggestDepartments(departments.current, typed).map((department): Suggestion => ({
            value: department.name,
            hint: department.shortName,
          }));
        },
        pick: (text, picked) => {
          if (!multiple) return picked.value;
          const done = splitDepartmentText(
            text
              .split(/[、，,；;]/)
              .slice(0, -1)
              .join(LIST_SEPARATOR),
          );
          return [...done, picked.value].join(LIST_SEPARATOR) + LIST_SEPARATOR;
        },
        hint: multiple ? '多个单位用“、”分隔，第一个为牵头单位' : undefined,
      };
    }
    const choices = column.settings.choices;
    if ((column.type === 'choice' || column.type === 'status') && choices) {
      return {
        suggest: (text) =>
          choices
            .filter((choice) => choice !== text.trim() && choice.includes(text.trim()))
            .map((choice) => ({ value: choice })),
        hint: `可选：${choices.join('、')}`,
      };
    }
    return {};
  };

  /** Open the editor on a cell, the way `start` says; false when the cell cannot be edited. */
  const startEdit = (point: GridPoint, start: EditStart): boolean => {
    const editor = overlay.current;
    const grid = current.current.gridApi.current;
    const key = columnsShown()[point.col]?.getColId();
    const row = grid?.getDisplayedRowAtIndex(point.row)?.data;
    const column = current.current.columns.find((candidate) => candidate.key === key);
    if (!editor || start.kind === 'none' || row?.kind !== 'data' || !column) return false;
    // 执行率 and the like are the workbench's to compute: the plan refuses them too.
    if (isComputedColumn(current.current.columns, column.key)) return false;
    const cell = cellElement(current.current.host.current, point.row, column.key);
    if (!cell) return false;
    const unit = displayUnit(column, { moneyUnit: current.current.moneyUnit });
    const waiting = pending.current.get(`${row.id}:${column.key}`);
    // An entry still on its way: edit what was typed (its unit already in its text).
    const initial =
      start.kind !== 'edit' ? '' : waiting ? waiting.text : textToEdit(column, row.cells[column.key], unit);
    const stored = waiting?.text ?? row.cells[column.key]?.text ?? '';
    open.current = { point, rowId: row.id, column, shown: start.kind === 'edit' ? initial : null, stored, unit };
    editor.open({
      cell,
      text: start.kind === 'type' ? start.text : initial,
      mode: start.kind === 'edit' ? 'edit' : 'enter',
      multiline: column.type === 'text' || column.type === 'longText',
      wrap: column.type === 'longText',
      unit: column.type === 'money' ? unit : undefined,
      ...suggestionsFor(column),
    });
    return true;
  };

  return {
    startEdit,
    move,
    isEditing: () => overlay.current?.isOpen ?? false,
    /**
     * The grid scrolled (by the user, or as rows changed height): keep the editor over its cell.
     * A cell scrolled out of view keeps its entry open, as in Excel — never saved half-typed.
     */
    followScroll: () => {
      const edit = open.current;
      if (edit) overlay.current?.follow(cellElement(current.current.host.current, edit.point.row, edit.column.key));
    },
  };
}
