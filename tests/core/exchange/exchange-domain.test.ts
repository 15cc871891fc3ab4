import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sameValue } from '../../../electron/core/exchange/compare';
import {
  defaultFill,
  findStandardColumn,
  freshColumnKey,
  sendOutColumns,
} from '../../../electron/core/exchange/fillColumns';
import { programName } from '../../../electron/core/exchange/collect';
import { ooxmlBoolean } from '../../../electron/core/exchange/returnedWorkbook';
import { departmentColumns, rowDepartments, rowUnits } from '../../../electron/core/exchange/routing';
import type { Stamp } from '../../../electron/core/exchange/stamp';
import {
  fileFingerprint,
  readStamp,
  rowFingerprint,
  STAMP_MAGIC,
  StampError,
} from '../../../electron/core/exchange/stamp';
import type { RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';

/** The pure rules of the round trip: who gets a row, when two texts mean the same, the stamp. */

function column(
  key: string,
  name: string,
  type: ColumnDef['type'],
  role: ColumnDef['role'] = null,
  settings: ColumnDef['settings'] = {},
): ColumnDef {
  return { id: key.length, key, name, type, role, position: 0, width: null, hidden: false, settings };
}

function row(cells: Record<string, string[] | string>): RowData {
  return {
    id: 1,
    parentId: null,
    cells: Object.fromEntries(
      Object.entries(cells).map(([key, value]) => [
        key,
        Array.isArray(value) ? { text: value.join('、'), value } : { text: value, value: null },
      ]),
    ),
  };
}

const ALIASES: Record<string, string> = {
  市住建局: '市住房和城乡建设局',
  市住房和城乡建设局: '市住房和城乡建设局',
  市发改委: '市发展和改革委员会',
  市发展和改革委员会: '市发展和改革委员会',
};
const resolve = (name: string) => ALIASES[name.trim()] ?? null;

describe('routing', () => {
  const tasks = departmentColumns([
    column('lead', '牵头单位', 'departmentList', 'leadUnit'),
    column('coop', '配合单位', 'departmentList', 'cooperatingUnits'),
  ]);
  const projects = departmentColumns([column('responsible', '责任主体', 'departmentList', 'responsibleUnits')]);

  test('every unit of a lead column leads; cooperating units cooperate', () => {
    const units = rowUnits(row({ lead: ['市发改委', '市生态环境局'], coop: ['市住建局', '市发改委'] }), tasks);
    assert.deepEqual(units, { lead: ['市发改委', '市生态环境局'], cooperating: ['市住建局'] });
    assert.deepEqual(rowDepartments(units, 'lead'), ['市发改委', '市生态环境局']);
    assert.deepEqual(rowDepartments(units, 'leadAndCooperating'), ['市发改委', '市生态环境局', '市住建局']);
  });

  test('in a responsible-units list the first leads', () => {
    assert.deepEqual(rowUnits(row({ responsible: ['溧阳市人民政府', '市交通运输局'] }), projects), {
      lead: ['溧阳市人民政府'],
      cooperating: ['市交通运输局'],
    });
    assert.deepEqual(rowUnits(row({ responsible: [] }), projects), { lead: [], cooperating: [] });
  });
});

describe('same value after a round trip', () => {
  const money = { name: '投资', type: 'money' as const, role: null, settings: { moneyUnit: '万元' as const } };
  test('money in exact 分: 约5000 is 5000, 1,234.50 is 1234.5, 1.2亿 is 12000 万元', () => {
    assert.ok(sameValue(money, '约5000', '5000', resolve));
    assert.ok(sameValue(money, '1,234.50', '1234.5', resolve));
    assert.ok(sameValue(money, '1.2亿', '12000', resolve));
    assert.ok(!sameValue(money, '0.1', '0.10000001', resolve));
    assert.ok(!sameValue(money, '/', '', resolve), 'unknown is not blank');
  });

  test('dates, department aliases, text', () => {
    assert.ok(
      sameValue({ name: '完成时间', type: 'date', role: null, settings: {} }, '2024年6月30日', '2024-06-30', resolve),
    );
    const date = { name: '完成时间', type: 'date' as const, role: null, settings: {} };
    assert.ok(sameValue(date, '2025年6月', '2025.6', resolve), 'the same month, written two ways');
    assert.ok(sameValue(date, '２０２５年６月底前', '2025-06', resolve));
    assert.ok(!sameValue(date, '2025年6月', '2025-06-30', resolve), 'a month is not its last day');
    assert.ok(!sameValue(date, '2025年6月', '2025年7月', resolve));
    assert.ok(
      sameValue(
        { name: '单位', type: 'departmentList', role: null, settings: {} },
        '市住建局、市发改委',
        '市住房和城乡建设局，市发展和改革委员会',
        resolve,
      ),
    );
    assert.ok(
      !sameValue(
        { name: '单位', type: 'departmentList', role: null, settings: {} },
        '市住建局',
        '市住建局、某未知单位',
        resolve,
      ),
    );
    const text = { name: '进展', type: 'longText' as const, role: null, settings: {} };
    assert.ok(sameValue(text, '第一行\r\n第二行', '第一行\n第二行', resolve));
    assert.ok(!sameValue(text, '=1+1', '2', resolve));
  });
});

describe('fill-in columns', () => {
  const columns = [
    column('name', '项目名称', 'text', 'name'),
    column('investment', '投资匡算', 'money', 'investment', { moneyUnit: '万元' }),
    column('progress', '进展情况', 'longText'),
  ];
  test('defaults, existing columns reused, identifying columns locked', () => {
    assert.deepEqual(defaultFill(columns), [
      { standard: 'doneInvestment' },
      { standard: 'progress' },
      { standard: 'issues' },
      { standard: 'doneDate' },
    ]);
    assert.equal(findStandardColumn(columns, 'progress')?.key, 'progress');
    const sent = sendOutColumns(columns, [{ standard: 'doneInvestment' }, { standard: 'progress' }], '重点工程');
    assert.deepEqual(
      sent.map((item) => [item.key, item.header, item.role]),
      [
        ['name', '项目名称', 'identifying'],
        ['investment', '投资匡算（万元）', 'identifying'],
        ['fill:doneInvestment', '完成投资（万元）', 'fill'],
        ['progress', '进展情况', 'fill'],
      ],
    );
    assert.throws(
      () => sendOutColumns(columns, [{ standard: 'progress' }, { columnKey: 'progress' }], '重点工程'),
      /选了两次/,
    );
    assert.throws(() => sendOutColumns(columns, [{ columnKey: 'nope' }], '重点工程'), /没有列/);
    assert.equal(freshColumnKey(columns, 'progress'), 'progress2');
    assert.equal(freshColumnKey(columns, 'issues'), 'issues');
  });
});

describe('stamp', () => {
  const core = {
    planId: 'plan-1',
    planTitle: '规划',
    sheetId: 2,
    sheetName: '重点工程',
    batchId: 'batch-1',
    fileId: 'batch-1/1',
    department: '市住房和城乡建设局',
    createdAt: '2024-05-01T00:00:00.000Z',
    columns: [
      {
        key: 'name',
        header: '项目名称',
        role: 'identifying' as const,
        type: 'text' as const,
        target: { kind: 'column' as const, columnKey: 'name' },
      },
    ],
    rows: [{ rowId: 98, fingerprint: rowFingerprint(98, ['江边污水处理厂']) }],
  };
  const stamp: Stamp = {
    ...core,
    dataSheet: '重点工程',
    headerRow: 3,
    firstDataRow: 4,
    fingerprint: fileFingerprint(core),
  };
  const lines = [
    [STAMP_MAGIC, '1'],
    ['规划标识', stamp.planId],
    ['规划名称', stamp.planTitle],
    ['工作表', stamp.sheetName, '2'],
    ['下发批次', stamp.batchId],
    ['文件标识', stamp.fileId],
    ['填报单位', stamp.department],
    ['下发时间', stamp.createdAt],
    ['数据工作表', stamp.dataSheet],
    ['表头行/首个数据行', '3', '4'],
    ['列定义', JSON.stringify(stamp.columns)],
    ['校验码', stamp.fingerprint],
    ['行标识', '行校验码'],
    ['98', core.rows[0]!.fingerprint],
  ];

  test('reads back what was written, and fingerprints change with any value', () => {
    assert.deepEqual(readStamp(lines), stamp);
    assert.equal(readStamp([['某个表']]), null);
    assert.notEqual(rowFingerprint(98, ['江边污水处理厂 ']), core.rows[0]!.fingerprint);
    assert.notEqual(fileFingerprint({ ...core, department: '市发展和改革委员会' }), stamp.fingerprint);
  });

  test('a damaged stamp is an error, not a silent miss', () => {
    assert.throws(
      () => readStamp(lines.map((line) => (line[0] === '列定义' ? ['列定义', '{oops'] : line))),
      StampError,
    );
    assert.throws(() => readStamp(lines.filter((line) => line[0] !== '下发批次')), StampError);
    assert.throws(() => readStamp([...lines, ['x99', 'zz']]), StampError);
  });
});

describe('reading what other programs wrote', () => {
  test('OOXML booleans in both spellings', () => {
    assert.equal(ooxmlBoolean('0', true), false);
    assert.equal(ooxmlBoolean('false', true), false);
    assert.equal(ooxmlBoolean('true', false), true);
    assert.equal(ooxmlBoolean(undefined, true), true);
    assert.equal(programName('LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2'), 'LibreOffice 7.4.7.2');
    assert.equal(programName('Microsoft Excel'), 'Microsoft Excel');
  });
});
