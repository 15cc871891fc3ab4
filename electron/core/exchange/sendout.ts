import { tableComments } from '../export/comments';
import type {
  SendOutInput,
  SendOutPreview,
  SendOutPreviewInput,
  SendOutRouting,
} from '../../../shared/contract/calls/exchange';
import { STANDARD_FILL_COLUMNS } from '../../../shared/contract/calls/exchange';
import type { RowData, SheetDetail } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import { columnHeader } from '../../../shared/model/columns';
import { safeFileName } from '../export/exportWorkbook';
import { hashPassword } from '../formats/protection';
import type { PlanStore } from '../store/planStore';
import type { BatchRecord, FileRecord, SentValues, StampColumn } from './batches';
import { newBatchId, newPlanId, planId, saveBatch, setPlanId } from './batches';
import { defaultFill, findStandardColumn, sendOutColumns, standardHeader } from './fillColumns';
import { dateStamp, rowLabel } from './labels';
import { expandUnits } from '../../../shared/model/departmentGroups';
import { departmentMembers } from '../store/departmentGroups';
import { departmentColumns, expandRowUnits, hasDepartmentColumns, rowDepartments, rowUnits } from './routing';
import { buildDepartmentWorkbook } from './sendoutWorkbook';
import type { Stamp } from './stamp';
import { fileFingerprint, rowFingerprint } from './stamp';

/**
 * Send-out: split a sheet by department and write one fill-in workbook per department, then
 * record the batch in the plan — which columns, who got which rows, and the values sent (so a
 * return's edits can be told from changes made centrally in the meantime).
 */

export interface DepartmentShare {
  department: string;
  rows: RowData[];
  leadRows: number;
}

export interface SendOutPlan {
  sheet: SheetDetail;
  routing: SendOutRouting;
  columns: StampColumn[];
  shares: DepartmentShare[];
  unrouted: RowData[];
  /** Collective addressees the rows name, with their members and how many rows name them. */
  expanded: { group: string; members: string[]; rows: number }[];
}

export function planSendOut(store: PlanStore, input: SendOutPreviewInput): SendOutPlan {
  const sheet = store.getSheet(input.sheetId);
  const units = departmentColumns(sheet.columns);
  if (!hasDepartmentColumns(units)) {
    throw PlanbenchError.of(
      'invalid_input',
      `工作表“${sheet.name}”没有牵头单位、配合单位或责任单位列，无法按单位下发（可在列设置中为单位列指定角色）`,
      `sheet "${sheet.name}" has no lead, cooperating or responsible unit column, so it cannot be split by department (give a unit column that role in its settings)`,
      { sheet: sheet.name },
    );
  }
  const columns = sendOutColumns(sheet.columns, input.fill ?? defaultFill(sheet.columns), sheet.name);
  // A collective addressee (各辖市区人民政府) is sent to each of its members.
  const members = departmentMembers(store);
  const named = input.departments?.map((name) => {
    const department = store.resolveDepartment(name);
    if (!department) {
      throw PlanbenchError.of(
        'not_found',
        `单位列表中没有“${name}”`,
        `there is no unit "${name}" in the plan's unit list`,
        { sheet: sheet.name },
      );
    }
    return department.name;
  });
  const wanted = named && expandUnits(named, members);
  const { rows } = store.listRows(sheet.id, 0, sheet.rowCount);
  const shares = new Map<string, DepartmentShare>();
  const unrouted: RowData[] = [];
  const expanded = new Map<string, number>();
  for (const row of rows) {
    const written = rowUnits(row, units);
    for (const group of rowDepartments(written, input.routing))
      if (members.has(group)) expanded.set(group, (expanded.get(group) ?? 0) + 1);
    const rowUnitsOf = expandRowUnits(written, members);
    const departments = rowDepartments(rowUnitsOf, input.routing);
    if (departments.length === 0) unrouted.push(row);
    for (const department of departments) {
      if (wanted && !wanted.includes(department)) continue;
      const share = shares.get(department) ?? { department, rows: [], leadRows: 0 };
      share.rows.push(row);
      if (rowUnitsOf.lead.includes(department)) share.leadRows++;
      shares.set(department, share);
    }
  }
  const missing = wanted?.find((name) => !shares.has(name));
  if (missing) {
    throw PlanbenchError.of(
      'invalid_input',
      `“${missing}”在工作表“${sheet.name}”中没有${input.routing === 'lead' ? '牵头' : '牵头或配合'}的行`,
      `"${missing}" has no rows it ${input.routing === 'lead' ? 'leads' : 'leads or cooperates on'} in sheet "${sheet.name}"`,
      { sheet: sheet.name },
    );
  }
  // Departments in the plan's unit-list order (how officials list them), then any others.
  const order = new Map(store.listDepartments().map((department, index) => [department.name, index]));
  const sorted = [...shares.values()].sort(
    (a, b) => (order.get(a.department) ?? 1e9) - (order.get(b.department) ?? 1e9),
  );
  if (sorted.length === 0) {
    throw PlanbenchError.of(
      'invalid_input',
      `工作表“${sheet.name}”中没有填写了单位的行，无法下发`,
      `no row of sheet "${sheet.name}" names a unit, so there is nothing to send`,
      {
        sheet: sheet.name,
      },
    );
  }
  return {
    sheet,
    routing: input.routing,
    columns,
    shares: sorted,
    unrouted,
    expanded: [...expanded].map(([group, count]) => ({ group, members: members.get(group)!, rows: count })),
  };
}

export function departmentFileName(sheetName: string, department: string, createdAt: string): string {
  return safeFileName(`${sheetName}_${department}_填报表_${dateStamp(createdAt)}`, '.xlsx');
}

export function previewSendOut(store: PlanStore, input: SendOutPreviewInput): SendOutPreview {
  const plan = planSendOut(store, input);
  const today = new Date().toISOString();
  const brief = (column: StampColumn) => ({ key: column.key, header: column.header, type: column.type });
  return {
    sheetId: plan.sheet.id,
    sheetName: plan.sheet.name,
    routing: plan.routing,
    identifying: plan.columns.filter((column) => column.role === 'identifying').map(brief),
    fill: plan.columns
      .filter((column) => column.role === 'fill')
      .map((column) => ({
        ...brief(column),
        standard:
          column.target.kind === 'standard'
            ? column.target.id
            : (STANDARD_FILL_COLUMNS.find((std) => findStandardColumn(plan.sheet.columns, std.id)?.key === column.key)
                ?.id ?? null),
        exists: column.target.kind === 'column',
      })),
    standardFill: STANDARD_FILL_COLUMNS.map((column) => ({
      id: column.id,
      header: standardHeader(column.id),
      type: column.type,
    })),
    sheetColumns: plan.sheet.columns
      .filter((column) => !column.hidden)
      .map((column) => ({ key: column.key, header: columnHeader(column), type: column.type })),
    departments: plan.shares.map((share) => ({
      department: share.department,
      rows: share.rows.length,
      leadRows: share.leadRows,
      fileName: departmentFileName(plan.sheet.name, share.department, today),
    })),
    unrouted: {
      count: plan.unrouted.length,
      labels: plan.unrouted.slice(0, 20).map((row) => rowLabel(plan.sheet.columns, row)),
    },
    expanded: plan.expanded,
  };
}

export interface SendOutFile {
  department: string;
  fileName: string;
  rows: number;
  bytes: Buffer;
}

export interface SendOutOutcome {
  batch: BatchRecord;
  files: SendOutFile[];
}

/** A send-out built but not yet recorded in the plan: the files can be written first. */
export interface PreparedSendOut extends SendOutOutcome {
  sent: ReadonlyMap<string, SentValues>;
  /** The plan's id when it had none yet: stored with the batch, not before. */
  newPlanId: string | null;
}

/** The text each stamp column sent for a row: the plan cell's text, or blank for a new column. */
function sentTexts(row: RowData, columns: readonly StampColumn[]): string[] {
  return columns.map((column) =>
    column.target.kind === 'column' ? (row.cells[column.target.columnKey]?.text ?? '') : '',
  );
}

/**
 * Record a prepared send-out in the plan, in one transaction: the batch, the values sent, and
 * the plan's id if it is new. Call it only once the files are safely written, so that a failure
 * to write them leaves the plan exactly as it was.
 */
export function recordSendOut(store: PlanStore, prepared: PreparedSendOut): void {
  store.transaction(() => {
    if (prepared.newPlanId !== null) setPlanId(store, prepared.newPlanId);
    saveBatch(store, prepared.batch, prepared.sent);
  });
}

/**
 * Build a send-out's workbooks and its batch record without writing anything to the plan (see
 * recordSendOut).
 */
export async function prepareSendOut(store: PlanStore, input: SendOutInput): Promise<PreparedSendOut> {
  const plan = planSendOut(store, input);
  const meta = store.getMeta();
  const createdAt = new Date().toISOString();
  const batchId = newBatchId();
  const existingId = planId(store);
  const id = existingId ?? newPlanId();
  // One hash for the batch: the deliberate slowness of the spin count is paid once, not per file.
  const password = input.password ? hashPassword(input.password) : undefined;
  const files: SendOutFile[] = [];
  const records: FileRecord[] = [];
  const sent = new Map<string, SentValues>();
  const commentsOf = tableComments(
    store,
    plan.sheet,
    plan.columns.map((column) => column.key),
  );
  for (const [index, share] of plan.shares.entries()) {
    const fileId = `${batchId}/${index + 1}`;
    const values: SentValues = {};
    const rows = share.rows.map((row) => {
      const texts = sentTexts(row, plan.columns);
      values[row.id] = Object.fromEntries(plan.columns.map((column, at) => [column.key, texts[at]!]));
      return { rowId: row.id, fingerprint: rowFingerprint(row.id, texts) };
    });
    const core: Omit<Stamp, 'fingerprint' | 'dataSheet' | 'headerRow' | 'firstDataRow'> = {
      planId: id,
      planTitle: meta.title,
      sheetId: plan.sheet.id,
      sheetName: plan.sheet.name,
      batchId,
      fileId,
      department: share.department,
      createdAt,
      columns: plan.columns,
      rows,
    };
    const fingerprint = fileFingerprint(core);
    const { bytes } = await buildDepartmentWorkbook({
      comments: commentsOf,
      planTitle: meta.title,
      sheetName: plan.sheet.name,
      department: share.department,
      sheetColumns: plan.sheet.columns,
      columns: plan.columns,
      rows: share.rows,
      stamp: { ...core, fingerprint },
      dueDate: input.dueDate,
      contact: input.contact,
      password,
    });
    const fileName = departmentFileName(plan.sheet.name, share.department, createdAt);
    files.push({ department: share.department, fileName, rows: share.rows.length, bytes });
    records.push({
      fileId,
      department: share.department,
      fileName,
      rowIds: share.rows.map((row) => row.id),
      fingerprint,
    });
    sent.set(fileId, values);
  }
  const batch: BatchRecord = {
    id: batchId,
    sheetId: plan.sheet.id,
    sheetName: plan.sheet.name,
    createdAt,
    routing: plan.routing,
    columns: plan.columns,
    files: records,
  };
  return { batch, files, sent, newPlanId: existingId === null ? id : null };
}
