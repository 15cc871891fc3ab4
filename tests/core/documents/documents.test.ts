import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { PlanbenchError } from '../../../shared/contract/errors';
import { callApi } from '../../apiCall';
import { scoreWorkplan } from '../../fixtures/breakdownScore';
import type { PolicyDocuments } from '../../fixtures/policyDocuments';
import { DATA, policyDocuments } from '../../fixtures/policyDocuments';
import { compoundFile } from '../../fixtures/rawFiles';
import { tempDir } from '../../helpers';

/**
 * The 2023 work plan written by LibreOffice as .docx, .doc, .pdf and .txt (UTF-8 and GBK), broken
 * down through the API and scored against the hand-made answer key (workplan2023_tasks.json); the
 * 孤独症 plan's breakdown table; and documents that must be refused without changing anything.
 */

const { dir, cleanup } = tempDir();
let store: PlanStore;
let documents: PolicyDocuments;
const context = () => ({ store, edition: 'cli' as const });

before(() => {
  store = createSamplePlan(path.join(dir, 'plan.planbench'));
  documents = policyDocuments();
});

after(() => {
  store.close();
  cleanup();
});

async function refusedWith(file: string, zh: RegExp): Promise<void> {
  const sheets = store.listSheets().length;
  const actions = store.latestActionId();
  await assert.rejects(
    () => callApi(context(), 'documents.preview', { file: { path: file } }),
    (error: unknown) => {
      assert.ok(error instanceof PlanbenchError, String(error));
      assert.match(error.message, zh);
      assert.match(error.message, new RegExp(path.basename(file).replace('.', '\\.')));
      assert.equal(error.body.where?.file, path.basename(file));
      return true;
    },
  );
  assert.equal(store.listSheets().length, sheets);
  assert.equal(store.latestActionId(), actions);
}

describe('the 2023 work plan in every format, against the answer key', () => {
  for (const format of ['docx', 'doc', 'pdf', 'txt', 'gbk'] as const) {
    test(`${format}: tasks, lead and support units and time phrases as the answer key has them`, async () => {
      const preview = await callApi(context(), 'documents.preview', { file: { path: documents.workplan[format] } });
      assert.equal(preview.from, 'body');
      assert.equal(preview.contextYear, 2023);
      const score = scoreWorkplan(preview.rows);
      const detail = score.misses.join('\n');
      assert.ok(score.recall >= 0.98, `task recall ${score.recall}\n${detail}`);
      assert.ok(score.precision >= 0.98, `task precision ${score.precision}\n${detail}`);
      assert.ok(score.leadExact / score.leadScored >= 0.95, `lead ${score.leadExact}/${score.leadScored}\n${detail}`);
      assert.ok(score.supportF1 >= 0.95, `support F1 ${score.supportF1}\n${detail}`);
      assert.equal(score.phrasesFound, score.phrases, detail);
      // The sections are the document's headings over the tasks.
      assert.deepEqual(
        preview.sections.filter((section) => section.level === 2).map((section) => section.label),
        ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）'],
      );
      if (format === 'gbk') assert.equal(preview.encoding, 'GB18030/GBK');
      await callApi(context(), 'documents.cancel', { previewId: preview.previewId });
    });
  }

  test('rows carry 出处, 完成时限 with the document year, 量化目标 and the carried-forward units', async () => {
    const preview = await callApi(context(), 'documents.preview', { file: { path: documents.workplan.pdf } });
    const row = (seq: string) => preview.rows.find((candidate) => candidate.seq === seq)!;
    assert.match(row('1').source, /^第\d+页$/);
    // Task 9: "持续推进" (ongoing) and "2023年6月底前", its only date.
    assert.equal(row('9').deadline, '2023年6月底前');
    assert.deepEqual(
      row('9').timePhrases.map((phrase) => [phrase.text, phrase.date, phrase.precision, phrase.ongoing]),
      [
        ['持续推进', null, null, true],
        ['2023年6月底前', '2023-06-30', 'month', false],
      ],
    );
    // Task 14: "6月底前" alone is placed in the plan's year; 年内 is the year's end.
    assert.ok(row('14').timePhrases.some((phrase) => phrase.text === '6月底前' && phrase.date === '2023-06-30'));
    assert.equal(row('14').deadline, '2023年内');
    assert.ok(row('2').targets.includes('全年培育市级及以上绿色工厂40家'));
    // Task 17's baseline years ("较2020年") are no deadlines.
    assert.ok(!row('17').timePhrases.some((phrase) => phrase.text.includes('2020')));
    // Task 2 names its units only; task 1's "以下均需…负责落实，不再列出" adds the local governments.
    assert.deepEqual(
      row('2').coop.map((unit) => unit.name),
      ['各辖市区人民政府', '常州经开区管委会'],
    );
    assert.ok(row('2').reasons.some((reason) => reason.zh.includes('以下均需')));
    // Task 10's own paragraph has no note: it relies on the next paragraph's, and says so.
    assert.equal(row('10').responsibilityFrom, 'continuation');
    assert.ok(row('10').confidence < 1);
    assert.equal(row('10-1').item, '推动活性炭核查整治全覆盖');
    await callApi(context(), 'documents.cancel', { previewId: preview.previewId });
  });
});

describe('committing a breakdown', () => {
  test('one undoable action creates the 任务分解 sheet with every row; undo removes it all', async () => {
    const preview = await callApi(context(), 'documents.preview', { file: { path: documents.workplan.docx } });
    const sheetsBefore = store.listSheets().length;
    const result = await callApi(context(), 'documents.commit', {
      previewId: preview.previewId,
      name: '2023年任务分解',
    });
    assert.equal(result.inserted, 47);
    const sheet = store.getSheet(result.sheetId);
    assert.equal(sheet.kind, 'tasks');
    assert.deepEqual(
      sheet.columns.map((column) => column.name),
      // The tasks kind's columns (with supervision's 开始时间, 完成率, 进展情况), 量化目标 and 出处 before 备注.
      [
        '序号',
        '板块',
        '工作事项',
        '具体内容',
        '牵头单位',
        '配合单位',
        '开始时间',
        '完成时限',
        '完成率',
        '进展情况',
        '量化目标',
        '出处',
        '备注',
      ],
    );
    const rows = store.listRows(result.sheetId, 0, 100).rows;
    assert.equal(rows.length, 47);
    const first = rows[0]!.cells;
    assert.equal(first.item!.text, '开展绿色低碳循环发展专项行动');
    assert.deepEqual(first.lead!.value, ['市发展和改革委员会']);
    assert.deepEqual(first.coop!.value, [
      '市工业和信息化局',
      '市生态环境局',
      '市住房和城乡建设局',
      '市交通运输局',
      '各辖市区人民政府',
      '常州经开区管委会',
    ]);
    const history = store.history(5);
    assert.equal(history[0]!.id, result.actionId);
    assert.equal(store.latestActionId(), result.actionId);
    store.undo();
    assert.equal(store.listSheets().length, sheetsBefore);
    assert.ok(!store.listSheets().some((candidate) => candidate.name === '2023年任务分解'));
    store.redo();
    assert.equal(store.listRows(result.sheetId, 0, 100).rows.length, 47);
  });

  test('rows corrected in the preview (merged, re-assigned) are what is written; an unknown unit is kept as written', async () => {
    const preview = await callApi(context(), 'documents.preview', { file: { path: documents.workplan.txt } });
    const [one, two] = preview.rows;
    const merged = {
      seq: '1',
      section: one!.section,
      item: `${one!.item}；${two!.item}`,
      content: `${one!.content}\n${two!.content}`,
      lead: ['市生态环境局', '新设的碳达峰办公室'],
      coop: [],
      deadline: '2023年底前',
      targets: [],
      source: one!.source,
    };
    const result = await callApi(context(), 'documents.commit', { previewId: preview.previewId, rows: [merged] });
    assert.deepEqual(result.unknownUnits, ['新设的碳达峰办公室']);
    const [row] = store.listRows(result.sheetId, 0, 10).rows;
    assert.equal(row!.cells.lead!.text, '市生态环境局、新设的碳达峰办公室');
    assert.deepEqual(row!.cells.lead!.value, ['市生态环境局']);
    assert.equal(row!.cells.deadline!.value, '2023-12-31');
  });
});

describe('a document whose breakdown is a table', () => {
  test('the 孤独症 plan’s 任务分解表 in a .docx comes in as its 33 rows', async () => {
    const preview = await callApi(context(), 'documents.preview', { file: { path: documents.autism.docx } });
    assert.equal(preview.from, 'table');
    assert.equal(preview.rows.length, 33);
    const key = JSON.parse(fs.readFileSync(path.join(DATA, 'autism_tasks.json'), 'utf8')) as {
      rows: { seq: number; lead_units_normalised?: string[] }[];
    };
    assert.equal(key.rows.length, 33);
    assert.deepEqual(
      preview.rows.map((row) => row.seq),
      key.rows.map((row) => String(row.seq)),
    );
    // A blank 工作事项 (a merged cell) is carried from the row above, and says so.
    const second = preview.rows[1]!;
    assert.equal(second.item, '强化组织保障');
    assert.ok(second.reasons.some((reason) => reason.zh.includes('沿用上一行')));
    assert.deepEqual(
      preview.rows[17]!.lead.map((unit) => unit.name),
      ['市教育局'],
    );
    await callApi(context(), 'documents.cancel', { previewId: preview.previewId });
  });
});

describe('a plan whose responsibilities are in an attachment table', () => {
  for (const format of ['docx', 'doc'] as const) {
    test(`${format}: the attachment is joined to the body's tasks by number and title, every mismatch listed`, async () => {
      const preview = await callApi(context(), 'documents.preview', {
        file: { path: documents.attachmentPlan[format] },
      });
      assert.equal(preview.from, 'body+attachment');
      assert.equal(preview.contextYear, 2024);
      assert.deepEqual(
        preview.rows.map((row) => [
          row.seq,
          row.item,
          row.lead.map((unit) => unit.name).join('、'),
          row.responsibilityFrom,
          row.deadline,
        ]),
        [
          ['1', '开展村庄清洁', '区农业农村局', 'attachment', '2024年底前'],
          ['2', '推进厕所革命', '区农业农村局', 'own', '2024年6月底前'],
          ['3', '推进生活污水治理', '区生态环境局', 'attachment', '2024年12月'],
          ['4', '加强黑臭水体整治', '区生态环境局', 'attachment', '2024年10月底前'],
          ['5', '建立长效管护机制', '区水务局', 'attachment', '长期坚持'],
        ],
      );
      assert.deepEqual(
        preview.rows[0]!.coop.map((unit) => unit.name),
        ['各镇人民政府', '街道办事处'],
      );
      // The sample plan is a city's: a district's units are kept as written and flagged.
      assert.ok(preview.summary.unknownUnits.includes('区水务局'));
      assert.deepEqual(
        preview.mismatches.map((mismatch) => mismatch.zh),
        [
          '附件第4行（6 建立长效管护机制）与正文第5项标题相符，但序号不同',
          '附件第5行（7 开展宣传教育）在正文中找不到对应任务',
          '正文第2项（推进厕所革命）在附件责任分工表中没有对应行',
        ],
      );
      await callApi(context(), 'documents.cancel', { previewId: preview.previewId });
    });
  }
});

describe('documents that cannot be read are refused, naming the file, and change nothing', () => {
  test('a scanned PDF (no text layer)', async () => {
    await refusedWith(documents.scanned, /没有文字层/);
  });
  test('a PDF that needs a password', async () => {
    await refusedWith(documents.locked, /已加密/);
  });
  test('an encrypted .docx (Word wraps it in a compound file)', async () => {
    const file = path.join(dir, '加密方案.docx');
    fs.writeFileSync(
      file,
      compoundFile([
        { name: 'EncryptionInfo', data: Buffer.alloc(4096, 1) },
        { name: 'EncryptedPackage', data: Buffer.alloc(8192, 2) },
      ]),
    );
    await refusedWith(file, /已加密/);
  });
  test('a damaged .docx, .doc and .pdf', async () => {
    const cut = (source: string, name: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, fs.readFileSync(source).subarray(0, 3000));
      return file;
    };
    await refusedWith(cut(documents.workplan.docx, '损坏.docx'), /已损坏/);
    await refusedWith(cut(documents.workplan.doc, '损坏.doc'), /已损坏|不是 Word 文档/);
    await refusedWith(cut(documents.workplan.pdf, '损坏.pdf'), /已损坏/);
  });
  test('a text without numbered tasks', async () => {
    const file = path.join(dir, '通知.txt');
    fs.writeFileSync(file, '关于召开会议的通知\n请各单位准时参加。\n');
    await refusedWith(file, /找不到编号的任务/);
  });
});
