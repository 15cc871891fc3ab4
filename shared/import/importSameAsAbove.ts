import type { CellOutcome } from './importCells';
import type { TargetColumn } from './importMapping';

/**
 * "Same as above" in a department's table: a cell that says 同上 (or 〃, ", ″, 仝上) means the value
 * of the row above in the same column, in any column. It is read as that value and said so; in a
 * number or money column that is a warning, since the same amount then counts in both rows.
 */

const MARKS = new Set(['同上', '仝上', '〃', '"', '＂', '″', '”', '“', '”“', '""', '同前']);

/** The longest text a mark can be, with spaces around it ("  同上 "). */
export const SAME_AS_ABOVE_LONGEST = 8;

export function isSameAsAboveMark(text: string): boolean {
  return MARKS.has(text.replace(/[\s\u3000]/g, ''));
}

function isFigure(column: TargetColumn): boolean {
  return column.type === 'money' || column.type === 'number' || column.type === 'percent';
}

/** The outcome of a 同上 cell: the value above with a note, or a warning when there is none. */
export function sameAsAbove(column: TargetColumn, written: string, above: CellOutcome | undefined): CellOutcome {
  if (!above || above.text === '') {
    return {
      text: '',
      invalid: false,
      num: null,
      issues: [
        {
          kind: 'sameAsAbove',
          level: 'warning',
          zh: `“${written.trim()}”（同上），但上一行此列为空，无法确定；导入为空，请核对`,
          en: `"${written.trim()}" (same as above), but the row above has nothing here; imported empty — please check`,
        },
      ],
    };
  }
  const figure = isFigure(column);
  return {
    text: above.text,
    invalid: false,
    num: above.num,
    issues: [
      {
        kind: 'sameAsAbove',
        level: figure ? 'warning' : 'info',
        zh: figure
          ? `“${written.trim()}”（同上）按上一行的 ${above.text} 导入，此数值在两行中都计入，请核对`
          : `“${written.trim()}”（同上）按上一行的“${above.text}”导入`,
        en: figure
          ? `"${written.trim()}" (same as above) imported as the row above's ${above.text}; the figure counts in both rows — please check`
          : `"${written.trim()}" (same as above) imported as the row above's "${above.text}"`,
      },
    ],
  };
}

/** A row whose name is blank although it has figures or other content: never imported silently. */
export function nameMissing(columnName: string): CellOutcome {
  return {
    text: '',
    invalid: false,
    num: null,
    issues: [
      {
        kind: 'nameMissing',
        level: 'warning',
        zh: `${columnName}为空，但此行有内容（可能是“同上”或合并单元格被拆开），无法确定名称；请在此填写或核对原表`,
        en: `${columnName} is blank although the row has content (perhaps "same as above" or a flattened merged cell); the name cannot be known — fill it in here or check the source`,
      },
    ],
  };
}
