import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { exportWorkbook } from '../../../electron/core/export/exportWorkbook';
import { MemorySink } from '../../../electron/core/formats/zipWriter';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiInput, ApiOutput } from '../../../shared/contract/contract';
import { assertGolden, excelRuleProblems, goldenDiff, goldenText, workbookParts } from '../../fixtures/goldenWorkbook';
import { madeBytes, saveToFolder } from '../../fileRefs';
import { tempDir } from '../../helpers';

/**
 * Every part of every kind of workbook the product writes, pinned against golden files in
 * tests/fixtures/golden/: the export (one sheet; several sheets, protected with a password) and
 * the send-out workbooks (a projects sheet with fill-in columns, a password, a due date and a
 * contact; a task sheet without a password). The sample plan is the input, so the goldens show
 * real content: merged categories, 万元 formats, unknown amounts, totals, long texts, deadlines.
 *
 * What changes from run to run is normalised: the time in docProps/core.xml, the password's salt
 * and hash (random salt), and in a send-out the batch's id, date and the stamp's checksum over them.
 * Each workbook is also checked against the rules Excel enforces and LibreOffice forgives.
 *
 * After an intended change: PLANBENCH_UPDATE_GOLDEN=1, run this file, read `git diff tests/fixtures/golden`.
 */

const DEPARTMENT = '市住房和城乡建设局';

/** The volatile values of a part, replaced by fixed placeholders. */
function normalise(_part: string, xml: string): string {
  return (
    xml
      .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, '$1(time)')
      .replace(/\b(hashValue|saltValue|workbookHashValue|workbookSaltValue)="[^"]*"/g, '$1="(random)"')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '(uuid)')
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, '(time)')
      .replace(/下发时间：\d{4}-\d{2}-\d{2}/g, '下发时间：(date)')
      .replace(/下发批次：[0-9a-f]{8}/g, '下发批次：(batch)')
      // The stamp's 校验码, a digest over the batch among the rest.
      .replace(/>[0-9a-f]{32}</g, '>(checksum)<')
  );
}

async function checked(name: string, bytes: Buffer): Promise<void> {
  const parts = await workbookParts(bytes, name);
  assert.deepEqual(excelRuleProblems(parts), [], `${name}: what Excel would refuse`);
  assertGolden(name, goldenText(parts, normalise));
}

describe('golden workbooks: every part of what the product writes', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  const sheetId = (name: string): number => store.listSheets().find((sheet) => sheet.name === name)!.id;

  async function call<N extends 'sendout.create'>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
    const response = await dispatch(context, name, input);
    if (!response.ok) throw new Error(`${name}: ${response.error.messageZh}`);
    return response.result as ApiOutput<N>;
  }

  async function exported(sheets: string[], options: { protect: boolean; password?: string }): Promise<Buffer> {
    const sink = new MemorySink();
    await exportWorkbook(store, sheets.map(sheetId), { ...options, totals: true }, sink);
    return sink.bytes();
  }

  before(() => {
    store = createSamplePlan(path.join(dir, 'plan.planbench'));
    context = { store, edition: 'cli' };
  });

  after(() => {
    store.close();
    cleanup();
  });

  test('export of one sheet (重点工程: categories merged, 万元, unknown amounts, totals)', async () => {
    await checked('export-projects.golden.txt', await exported(['重点工程'], { protect: false }));
  });

  test('export of several sheets, protected with a password (指标体系 and 微电网试点分解表)', async () => {
    await checked(
      'export-indicators-microgrid-protected.golden.txt',
      await exported(['指标体系', '微电网试点分解表'], { protect: true, password: '密码123' }),
    );
  });

  test('send-out workbook of a projects sheet: fill-in columns, password, due date, contact', async () => {
    const result = await call('sendout.create', {
      sheetId: sheetId('重点工程'),
      departments: [DEPARTMENT],
      package: 'files',
      fill: [{ standard: 'doneInvestment' }, { standard: 'progress' }, { standard: 'status' }],
      password: '密码123',
      dueDate: '2024年7月10日',
      contact: '生态环境局 张三',
      saveTo: saveToFolder(),
    });
    await checked('sendout-projects.golden.txt', madeBytes(result.files[0]!.file));
  });

  test('the guard itself: each rule Excel enforces is caught on a spoilt copy, and a change reads as a diff', async () => {
    const parts = await workbookParts(await exported(['重点工程'], { protect: false }));
    const spoilt = (part: string, change: (xml: string) => string): string[] => {
      const copy = new Map(parts);
      copy.set(part, change(copy.get(part)!));
      return excelRuleProblems(copy);
    };
    const expectProblem = (problems: string[], pattern: RegExp) =>
      assert.ok(
        problems.some((problem) => pattern.test(problem)),
        `${pattern} among ${JSON.stringify(problems)}`,
      );
    expectProblem(
      spoilt('[Content_Types].xml', (xml) => xml.replace(/<Override PartName="\/xl\/styles.xml"[^>]*\/>/, '')),
      /does not list xl\/styles.xml/,
    );
    expectProblem(
      spoilt('xl/_rels/workbook.xml.rels', (xml) => xml.replace('sharedStrings.xml', 'strings.xml')),
      /points at xl\/strings.xml/,
    );
    expectProblem(
      spoilt('xl/sharedStrings.xml', (xml) => xml.replace(/uniqueCount="\d+"/, 'uniqueCount="1"')),
      /uniqueCount 1/,
    );
    expectProblem(
      spoilt('xl/sharedStrings.xml', (xml) => xml.replace(/ count="\d+"/, ' count="1"')),
      /count 1, but/,
    );
    expectProblem(
      spoilt('xl/worksheets/sheet1.xml', (xml) => xml.replace(/ s="\d+"/, ' s="999"')),
      /style 999, past/,
    );
    expectProblem(
      spoilt('xl/styles.xml', (xml) => xml.replace(/(<cellXfs[^>]*>\s*<xf[^>]*?)fontId="\d+"/, '$1fontId="99"')),
      /fontId=99/,
    );
    expectProblem(
      spoilt('xl/styles.xml', (xml) => xml.replace(/<fonts count="\d+"/, '<fonts count="1"')),
      /<fonts count="1"> holds/,
    );
    expectProblem(
      spoilt('xl/workbook.xml', (xml) => xml.replace(/<sheet name="[^"]*"/, '<sheet name="重点工程[1]"')),
      /forbids/,
    );
    expectProblem(
      spoilt('xl/workbook.xml', (xml) => xml.replace(/<sheet name="[^"]*"/, `<sheet name="${'长'.repeat(32)}"`)),
      /not 1 to 31/,
    );
    expectProblem(
      spoilt('xl/workbook.xml', (xml) => xml.replace(/<sheet name="[^"]*"/, '<sheet name="其他表"')),
      /refers to sheet "重点工程"/,
    );
    expectProblem(
      spoilt('xl/worksheets/sheet1.xml', (xml) =>
        xml.replace(/(<sheetViews>[\s\S]*?<\/sheetViews>)(<sheetFormatPr[^>]*\/>)/, '$2$1'),
      ),
      /against the schema's order/,
    );
    expectProblem(
      spoilt('xl/worksheets/sheet1.xml', (xml) => xml.replace('<mergeCell ref="A2:', '<mergeCell ref="A1:')),
      /overlap/,
    );
    expectProblem(
      spoilt('xl/worksheets/sheet1.xml', (xml) => xml.replace('<row r="2"', '<row r="1"')),
      /row 1 after row 1/,
    );

    const golden = goldenText(parts, normalise);
    const changed = golden.replace('<v>75</v>', '<v>76</v>');
    assert.notEqual(changed, golden);
    assert.match(
      goldenDiff(golden, changed),
      /~ xl\/worksheets\/sheet1.xml, from line \d+[\s\S]*- +<v>75<\/v>\n +\+ +<v>76<\/v>/,
    );
  });

  test('send-out workbook of a task sheet without a password', async () => {
    const result = await call('sendout.create', {
      sheetId: sheetId('2023年工作方案任务'),
      departments: [DEPARTMENT],
      package: 'files',
      saveTo: saveToFolder(),
    });
    await checked('sendout-tasks.golden.txt', madeBytes(result.files[0]!.file));
  });
});
