import type { UnitDirectory } from '../importDepartments';
import type { ResponsibilityTable, TableRow } from './tables';
import { cellUnits, seqValue, titleLikeness } from './tables';
import type { ProposedRow, Reason } from './types';
import { unknownUnitReasons } from './types';

/**
 * Joining an attachment table of responsibilities (附件：重点任务责任分工) to the body's tasks: a
 * table row belongs to the task with its number when their titles agree; otherwise to the task
 * whose title it matches; every row and task that does not pair up, and every pair whose number
 * or title differs, is listed. A task without a note of its own takes the table's units; a task
 * whose own note differs from the table keeps its own and the difference is listed. The table's
 * 完成时限, where it gives one, is the row's.
 */

const SIMILAR = 0.5;

function rowTitle(row: TableRow): string {
  return (row.cells.item ?? row.cells.content ?? '').replace(/\s/g, '');
}

function seqNumber(row: ProposedRow): number | null {
  return seqValue(row.seq);
}

export function joinAttachment(
  rows: ProposedRow[],
  table: ResponsibilityTable,
  directory: UnitDirectory | null,
): Reason[] {
  const mismatches: Reason[] = [];
  const tasks = rows.filter((row) => row.kind === 'task');
  const taken = new Set<ProposedRow>();
  for (const tableRow of table.rows) {
    const title = rowTitle(tableRow);
    const number = seqValue(tableRow.cells.seq ?? '');
    const byNumber =
      number === null ? null : (tasks.find((task) => !taken.has(task) && seqNumber(task) === number) ?? null);
    const best = tasks
      .filter((task) => !taken.has(task))
      .map((task) => ({
        task,
        likeness: Math.max(
          titleLikeness(task.item, title),
          task.item.includes(title) || title.includes(task.item) ? 1 : 0,
        ),
      }))
      .sort((a, b) => b.likeness - a.likeness)[0];
    let task: ProposedRow | null = null;
    const label = `附件第${tableRow.row}行（${tableRow.cells.seq ?? ''} ${title.slice(0, 30)}）`;
    const labelEn = `attachment row ${tableRow.row} (${tableRow.cells.seq ?? ''} ${title.slice(0, 30)})`;
    if (
      byNumber &&
      (titleLikeness(byNumber.item, title) >= SIMILAR || byNumber.item.includes(title) || title.includes(byNumber.item))
    ) {
      task = byNumber;
    } else if (best && best.likeness >= SIMILAR) {
      task = best.task;
      mismatches.push({
        zh: `${label}与正文第${task.seq}项标题相符，但序号不同`,
        en: `${labelEn} matches the title of item ${task.seq} in the body, but its number differs`,
        penalty: 0.1,
      });
    } else if (byNumber) {
      task = byNumber;
      mismatches.push({
        zh: `${label}按序号对应正文第${task.seq}项，但标题不一致（正文：${task.item.slice(0, 30)}）`,
        en: `${labelEn} is joined to item ${task.seq} by number, but the titles differ (body: ${task.item.slice(0, 30)})`,
        penalty: 0.3,
      });
    }
    if (!task) {
      mismatches.push({ zh: `${label}在正文中找不到对应任务`, en: `${labelEn} has no task in the body`, penalty: 0 });
      continue;
    }
    taken.add(task);
    const lead = cellUnits(tableRow.cells.lead ?? '', directory);
    const coop = cellUnits(tableRow.cells.coop ?? '', directory);
    const joinReason =
      mismatches.length > 0 && mismatches[mismatches.length - 1]!.zh.startsWith(label)
        ? mismatches[mismatches.length - 1]!
        : null;
    if (task.responsibilityFrom === 'none' || task.lead.length === 0) {
      task.lead = lead;
      task.coop = [...coop, ...task.coop.filter((unit) => !coop.some((known) => known.name === unit.name))];
      task.responsibility = [tableRow.cells.lead, tableRow.cells.coop].filter(Boolean).join(' / ');
      task.responsibilityFrom = 'attachment';
      task.reasons = task.reasons.filter((reason) => reason.penalty !== 0.4);
      task.reasons.push({
        zh: '责任单位取自附件责任分工表',
        en: 'units from the attachment table of responsibilities',
        penalty: 0.05,
      });
      if (joinReason) task.reasons.push(joinReason);
      task.reasons = task.reasons.filter((reason) => !reason.zh.startsWith('单位“'));
      task.reasons.push(...unknownUnitReasons([...task.lead, ...task.coop]));
    } else {
      const same = lead.map((unit) => unit.name).join('、') === task.lead.map((unit) => unit.name).join('、');
      if (!same) {
        mismatches.push({
          zh: `正文第${task.seq}项的牵头单位（${task.lead.map((unit) => unit.name).join('、')}）与附件（${lead.map((unit) => unit.name).join('、')}）不同，保留正文`,
          en: `item ${task.seq}: the body's lead units differ from the attachment's; the body's are kept`,
          penalty: 0,
        });
      }
    }
    // The table's 完成时限 is the breakdown's own: it wins over a phrase read from the body.
    if (tableRow.cells.deadline?.trim()) task.deadline = tableRow.cells.deadline.trim();
  }
  for (const task of tasks) {
    if (taken.has(task)) continue;
    mismatches.push({
      zh: `正文第${task.seq}项（${task.item.slice(0, 30)}）在附件责任分工表中没有对应行`,
      en: `item ${task.seq} (${task.item.slice(0, 30)}) has no row in the attachment table`,
      penalty: 0,
    });
  }
  return mismatches;
}
