import type { ImportProblem, ImportResult, TotalCheck } from '../../../shared/contract/calls/importing';
import { decimalToFen, formatMoney } from '../../../shared/values/money';

/**
 * `planbench import` for people: rows imported, what was carried, unknown or converted, the file's
 * 合计 against the imported rows, and every cell that could not be read, with where and why.
 */

const UNREADABLE = new Set(['invalid', 'formulaNoValue', 'errorValue']);

function amount(value: string): string {
  const fen = decimalToFen(value, '万元');
  return fen === null
    ? value
    : formatMoney(fen, '万元', value.includes('.') ? Math.min(6, value.split('.')[1]!.length) : 0);
}

export function totalLine(check: TotalCheck): string {
  const where =
    check.kind === 'rowTotal'
      ? `第 ${check.r} 行“${check.label}”列`
      : `第 ${check.r} 行“${check.label}”·${check.columnName}`;
  const verdict = check.matches
    ? '一致 / matches'
    : `相差 ${amount(check.difference)} / differs by ${check.difference}`;
  const unknown = check.unknown > 0 ? `（${check.unknown} 行未知）` : '';
  return `  ${where}：文件 ${amount(check.stated)}，导入 ${amount(check.computed)}${unknown} — ${verdict}`;
}

function problemLine(sheet: string, problem: ImportProblem): string {
  const value = problem.value.length > 40 ? `${problem.value.slice(0, 40)}…` : problem.value;
  return `  工作表 ${sheet} 第 ${problem.r} 行 ${problem.column} 列「${problem.columnName}」“${value}”：${problem.zh}（${problem.en}）`;
}

export function importReport(result: ImportResult, sourceSheet: string, created: boolean): string {
  const s = result.summary;
  const lines: string[] = [];
  const mode = created ? '新建工作表' : result.updated > 0 || s.unchanged > 0 ? '更新' : '追加到';
  lines.push(`已导入“${result.fileName}”（工作表 ${sourceSheet}）→ ${mode}“${result.sheetName}” / imported`);
  if (result.updated > 0 || s.unchanged > 0 || s.unmatched > 0) {
    lines.push(
      `  更新 ${result.updated} 行（${result.cellsChanged} 格），无变化 ${s.unchanged} 行，未匹配 ${s.unmatched} 行`,
    );
  } else {
    lines.push(
      `  导入 ${result.inserted} 行${s.childRows > 0 ? `（其中子项 ${s.childRows} 行）` : ''} / ${result.inserted} rows`,
    );
  }
  lines.push(
    `  合并单元格带入 ${s.carried} 格；未知金额/数值 ${s.unknown} 格；约数 ${s.approximate} 格；换算单位 ${s.converted} 格；` +
      `去除排版标记 ${s.markupRemoved} 格；单位名称识别 ${s.unitsResolved} 格，未识别 ${s.unitsUnknown} 格`,
  );
  const setAside = [
    s.repeatedHeaders ? `重复表头 ${s.repeatedHeaders} 行` : '',
    s.totalRows ? `合计/小计 ${s.totalRows} 行` : '',
    s.notes ? `注释 ${s.notes} 行` : '',
    s.sections ? `分组行 ${s.sections} 行` : '',
    s.hiddenRows ? `隐藏行 ${s.hiddenRows} 行（已导入）` : '',
    s.hiddenColumns ? `隐藏列 ${s.hiddenColumns} 列（已导入）` : '',
  ].filter(Boolean);
  if (setAside.length) lines.push(`  ${setAside.join('；')}`);
  if (result.totals.length) {
    lines.push('合计核对 / totals check:');
    for (const check of result.totals) lines.push(totalLine(check));
  }
  const unreadable = result.problems.filter((problem) => UNREADABLE.has(problem.kind));
  if (unreadable.length) {
    lines.push(`无法读取的单元格 ${unreadable.length} 个（已留空）/ cells that could not be read (left empty):`);
    for (const problem of unreadable) lines.push(problemLine(sourceSheet, problem));
  }
  const warnings = result.problems.filter((problem) => !UNREADABLE.has(problem.kind));
  if (warnings.length) {
    lines.push(`需要核对的单元格 ${warnings.length} 个 / cells to check:`);
    for (const problem of warnings) lines.push(problemLine(sourceSheet, problem));
  }
  return lines.join('\n');
}
