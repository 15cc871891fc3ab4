import type { ProgressRow, SheetProgress } from '../../../shared/contract/calls/supervision';
import type { SupervisionStatus } from '../../../shared/rules/supervision/status';
import {
  SUPERVISION_STATUS_COLOURS,
  SUPERVISION_STATUS_LABELS,
  SUPERVISION_STATUSES,
} from '../../../shared/rules/supervision/status';
import { escapeHtml } from '../print/text';

/**
 * The 通报's content as blocks the paginator places whole (reportPdf.ts): the title, numbered
 * sections of 公文 prose, tables whose rows may break between pages (their header repeated), and
 * a chart of statuses by lead department as plain SVG bars.
 */

/**
 * Each block as HTML for the PDF and as plain content for the Word version (reportDocx.ts), so
 * both say the same: the title's lines, a heading's or paragraph's text, the chart's counts, a
 * table row's cells with its table's header cells and column widths.
 */
export type ReportBlock =
  | { kind: 'title'; html: string; lines: string[] }
  | { kind: 'heading'; html: string; text: string }
  | { kind: 'text'; html: string; text: string }
  | { kind: 'chart'; html: string; entries: ReturnType<typeof statusByDepartment> }
  /** A table row; `header` is its table's header row, repeated at the top of a page it starts. */
  | { kind: 'row'; html: string; header: string; cells: string[]; headers: string[]; widthsMm: number[] };

/** A title block: the title and the line under it. */
export function titleBlock(title: string, sub: string): ReportBlock {
  return {
    kind: 'title',
    html: `<div class="title">${escapeHtml(title)}</div><div class="sub">${escapeHtml(sub)}</div>`,
    lines: [title, sub],
  };
}

export function textBlock(text: string): ReportBlock {
  return { kind: 'text', html: escapeHtml(text), text };
}

/** Bar colours by status (shared with the dashboard). */
export const STATUS_COLOURS = SUPERVISION_STATUS_COLOURS;

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六'];
const CHART_DEPARTMENTS_PER_BLOCK = 14;

export function dateText(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

function table(widthsMm: readonly number[], cells: readonly string[], header = false): string {
  const cols = widthsMm.map((width) => `<col style="width:${width}mm">`).join('');
  const tag = header ? 'th' : 'td';
  return `<table class="t${header ? ' h' : ''}"><colgroup>${cols}</colgroup><tr>${cells
    .map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`)
    .join('')}</tr></table>`;
}

export function tableBlocks(
  widthsMm: readonly number[],
  headers: readonly string[],
  rows: readonly string[][],
): ReportBlock[] {
  const header = table(widthsMm, headers, true);
  return rows.map((cells) => ({
    kind: 'row',
    html: table(widthsMm, cells),
    header,
    cells: [...cells],
    headers: [...headers],
    widthsMm: [...widthsMm],
  }));
}

/** Each lead department's rows by status, departments with most rows first (rows without one under 未明确). */
export function statusByDepartment(
  rows: readonly ProgressRow[],
): { department: string; counts: Record<SupervisionStatus, number> }[] {
  const byDepartment = new Map<string, Record<SupervisionStatus, number>>();
  for (const row of rows) {
    const department = row.departments[0] ?? '未明确牵头单位';
    const counts =
      byDepartment.get(department) ??
      (Object.fromEntries(SUPERVISION_STATUSES.map((status) => [status, 0])) as Record<SupervisionStatus, number>);
    counts[row.status]++;
    byDepartment.set(department, counts);
  }
  const total = (counts: Record<SupervisionStatus, number>) =>
    SUPERVISION_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  return [...byDepartment]
    .map(([department, counts]) => ({ department, counts }))
    .sort((a, b) => total(b.counts) - total(a.counts) || a.department.localeCompare(b.department, 'zh-CN'));
}

/** Horizontal stacked bars: one per department, a segment per status, with a legend. */
function chartSvg(entries: ReturnType<typeof statusByDepartment>, widthMm: number): string {
  const labelWidth = 150;
  const width = Math.round(widthMm * 3.78);
  const barArea = width - labelWidth - 40;
  const rowHeight = 22;
  const most = Math.max(
    1,
    ...entries.map((entry) => SUPERVISION_STATUSES.reduce((sum, s) => sum + entry.counts[s], 0)),
  );
  const bars = entries.map((entry, index) => {
    const y = index * rowHeight;
    let x = labelWidth;
    const segments = SUPERVISION_STATUSES.filter((status) => entry.counts[status] > 0).map((status) => {
      const w = (entry.counts[status] / most) * barArea;
      const rect = `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 8}" fill="${STATUS_COLOURS[status]}"/>`;
      x += w;
      return rect;
    });
    const total = SUPERVISION_STATUSES.reduce((sum, s) => sum + entry.counts[s], 0);
    return (
      `<text x="${labelWidth - 6}" y="${y + rowHeight / 2 + 4}" text-anchor="end">${escapeHtml(entry.department)}</text>` +
      segments.join('') +
      `<text x="${(x + 4).toFixed(1)}" y="${y + rowHeight / 2 + 4}">${total}</text>`
    );
  });
  const legendY = entries.length * rowHeight + 14;
  const legend = SUPERVISION_STATUSES.map((status, index) => {
    const x = labelWidth + index * 78 - 100;
    return (
      `<rect x="${x}" y="${legendY - 9}" width="10" height="10" fill="${STATUS_COLOURS[status]}"/>` +
      `<text x="${x + 14}" y="${legendY}">${SUPERVISION_STATUS_LABELS[status]}</text>`
    );
  });
  const height = legendY + 8;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="11">${bars.join('')}${legend.join('')}</svg>`;
}

export interface ReportSource {
  title: string;
  progress: SheetProgress;
  bodyWidthMm: number;
}

export function reportBlocks({ title, progress, bodyWidthMm }: ReportSource): ReportBlock[] {
  const rows = progress.rows.filter((row) => row.parentId === null);
  const counts = Object.fromEntries(SUPERVISION_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
  const label = (status: SupervisionStatus) => SUPERVISION_STATUS_LABELS[status];
  const blocks: ReportBlock[] = [];
  let section = 0;
  const heading = (text: string) => {
    const numbered = `${CHINESE_NUMBERS[section++]}、${text}`;
    blocks.push({ kind: 'heading', html: escapeHtml(numbered), text: numbered });
  };
  const when = progress.round
    ? `${progress.round}（截至${dateText(progress.asOf)}）`
    : `截至${dateText(progress.asOf)}`;

  blocks.push(titleBlock(title, when));
  heading('总体情况');
  const listed = SUPERVISION_STATUSES.filter((status) => counts[status]! > 0)
    .map((status) => `${label(status)}${counts[status]}项`)
    .join('、');
  blocks.push(
    textBlock(
      `${when}，“${progress.sheetName}”共列督查事项${rows.length}项${listed ? `，其中${listed}` : ''}。` +
        `序时进度按开始时间至完成时限的时间比例计算，完成率低于序时进度${progress.thresholds.behind}个百分点及以上的为滞后，` +
        `超过${progress.thresholds.seriouslyBehind}个百分点的为严重滞后，超过完成时限仍未完成的为逾期。`,
    ),
  );

  heading('各牵头单位推进情况');
  const departments = statusByDepartment(rows);
  const statusColumns = SUPERVISION_STATUSES.map((status) => label(status));
  const nameWidth = 40;
  const countWidth = (bodyWidthMm - nameWidth - 12) / SUPERVISION_STATUSES.length;
  blocks.push(
    ...tableBlocks(
      [nameWidth, 12, ...SUPERVISION_STATUSES.map(() => countWidth)],
      ['牵头单位', '事项', ...statusColumns],
      departments.map((entry) => [
        entry.department,
        String(SUPERVISION_STATUSES.reduce((sum, s) => sum + entry.counts[s], 0)),
        ...SUPERVISION_STATUSES.map((status) => String(entry.counts[status])),
      ]),
    ),
  );
  for (let start = 0; start < departments.length; start += CHART_DEPARTMENTS_PER_BLOCK) {
    const slice = departments.slice(start, start + CHART_DEPARTMENTS_PER_BLOCK);
    blocks.push({ kind: 'chart', html: chartSvg(slice, bodyWidthMm), entries: slice });
  }

  heading('逾期和严重滞后事项');
  const flagged = rows.filter((row) => row.status === 'overdue' || row.status === 'seriously_behind');
  if (flagged.length === 0) blocks.push(textBlock('无逾期或严重滞后事项。'));
  else {
    // 进展情况 takes what the fixed columns leave (26 mm on A4 portrait).
    const fixed = [10, 40, 28, 22, 16, 14];
    blocks.push(
      ...tableBlocks(
        [...fixed, bodyWidthMm - fixed.reduce((sum, width) => sum + width, 0)],
        ['序号', '事项', '牵头单位', '完成时限', '完成率', '状态', '进展情况'],
        flagged.map((row) => [
          row.seq,
          row.title,
          row.departments[0] ?? '',
          row.deadlineText,
          row.progress === null ? '未报' : `${row.progress}%`,
          label(row.status),
          row.note,
        ]),
      ),
    );
  }

  heading(progress.previousRound ? `与${progress.previousRound}相比` : '与上一轮相比');
  if (!progress.previousRound) {
    blocks.push(textBlock('本通报没有上一报送轮次可比。'));
    return blocks;
  }
  const changed = rows.filter((row) => row.previousStatus !== null && row.previousStatus !== row.status);
  const newlyDone = changed.filter((row) => row.status === 'done').length;
  const rank = (status: SupervisionStatus) =>
    ['done', 'on_track', 'no_deadline', 'behind', 'not_reported', 'seriously_behind', 'overdue'].indexOf(status);
  const better = changed.filter((row) => rank(row.status) < rank(row.previousStatus!)).length;
  blocks.push(
    textBlock(
      `与${progress.previousRound}相比，状态变化的事项${changed.length}项，其中新完成${newlyDone}项、好转${better}项、转差${changed.length - better}项。`,
    ),
  );
  if (changed.length > 0) {
    blocks.push(
      ...tableBlocks(
        [12, bodyWidthMm - 12 - 4 * 22, 22, 22, 22, 22],
        ['序号', '事项', '上轮完成率', '本轮完成率', '上轮状态', '本轮状态'],
        changed.map((row) => [
          row.seq,
          row.title,
          row.previousProgress === null ? '未报' : `${row.previousProgress}%`,
          row.progress === null ? '未报' : `${row.progress}%`,
          label(row.previousStatus!),
          label(row.status),
        ]),
      ),
    );
  }
  return blocks;
}
