import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { actingAs } from '../../../electron/core/store/actor';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/contract/contract';
import { madeBytes, saveToFolder } from '../../fileRefs';
import { runPlanbench, tempDir } from '../../helpers';
import { convertAll, editSendOut, sofficeSkip, XLSX } from './exchange-libreoffice';

/**
 * Comments (批注) through a send-out and its return: the plan's comments go out on the
 * department's rows; the comments the department writes come back in the collect preview as
 * changes — attributed to the department (and the author the file names) — and are applied with
 * the merge, undone with it. The department saves its return with LibreOffice.
 */

const DEPARTMENT = '市住房和城乡建设局';

async function call<N extends ApiName>(context: ApiContext, name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const response = await dispatch(context, name, input);
  if (!response.ok) throw new Error(`${name}: ${response.error.messageZh} / ${response.error.messageEn}`);
  return response.result as ApiOutput<N>;
}

describe('comments through a send-out and its return', { skip: sofficeSkip() }, () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let projects: number;

  before(() => {
    store = createSamplePlan(path.join(dir, 'plan.planbench'));
    context = { store, edition: 'cli' };
    projects = store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('sent with the rows, written back by the department, shown in the preview, applied as the department’s and undone with the merge', async () => {
    // The department's rows, as the send-out routes them (its first-named unit in 责任主体).
    const ours = store
      .listRows(projects, 0, 500)
      .rows.filter((row) => (row.cells.responsible?.value as string[] | null)?.[0] === DEPARTMENT);
    assert.ok(ours.length >= 2, 'the department leads some projects');
    const [first, second] = ours as [(typeof ours)[0], (typeof ours)[0]];
    actingAs({ author: '张三', client: 'test' }, () =>
      store.setComment(
        projects,
        { rowId: first.id, columnKey: 'investment' },
        { text: '含中央资金' },
        { source: 'user' },
      ),
    );

    const created = await call(context, 'sendout.create', {
      sheetId: projects,
      departments: [DEPARTMENT],
      package: 'files',
      saveTo: saveToFolder(),
    });
    const sent = path.join(dir, 'sent.xlsx');
    fs.writeFileSync(sent, madeBytes(created.files[0]!.file));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(sent);
    const notes: string[] = [];
    book.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        const note = cell.note as ExcelJS.Comment | undefined;
        if (note) notes.push((note.texts ?? []).map((part) => part.text).join(''));
      }),
    );
    assert.deepEqual(notes, ['张三:\n含中央资金'], 'the plan’s comment goes out on its row');

    const edited = path.join(dir, 'edited.xlsx');
    await editSendOut(sent, edited, {
      cells: [[1, '进展情况', '已开工']],
      notes: [
        [1, '项目名称', '名称以批复为准', '王五'],
        [2, '进展情况', '征地未完成'],
      ],
    });
    const resaved = path.join(dir, 'libreoffice');
    await convertAll([edited], XLSX, resaved);
    const returned = { file: { path: path.join(resaved, 'edited.xlsx') } };

    const preview = await call(context, 'collect.preview', returned);
    assert.deepEqual(
      preview.comments.map((comment) => [
        comment.rowId,
        comment.columnKey,
        comment.returned,
        comment.author,
        comment.current,
      ]),
      [
        [first.id, 'name', '名称以批复为准', `${DEPARTMENT} · 王五`, null],
        [second.id, null, '［进展情况］征地未完成', DEPARTMENT, null],
      ],
      'the department’s comments, each a change; ours came back unchanged and is not listed',
    );

    // The command line reports them too (a report only: nothing applied).
    const cli = await runPlanbench(['collect', store.file, returned.file.path]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, new RegExp(`\\[批注\\] 第 \\d+ 行 .+ · 项目名称：${DEPARTMENT} · 王五：“名称以批复为准”`));
    assert.match(cli.stdout, /\[批注\] 第 \d+ 行 .+ · 整行：.+：“［进展情况］征地未完成”/);

    const before = store.latestActionId();
    const applied = await call(context, 'collect.apply', { previewId: preview.previewId, accept: 'all' });
    assert.equal(applied.applied.comments, 2);
    const comments = () =>
      store.listComments(projects).map((comment) => [comment.rowId, comment.columnKey, comment.text, comment.author]);
    assert.deepEqual(comments(), [
      [first.id, 'name', '名称以批复为准', `${DEPARTMENT} · 王五`],
      [first.id, 'investment', '含中央资金', '张三'],
      [second.id, null, '［进展情况］征地未完成', DEPARTMENT],
    ]);
    const [merge] = store.history(1);
    assert.ok(merge!.id > before);
    assert.equal(merge!.source, 'merge');
    assert.equal(merge!.changes.filter((change) => change.kind === 'comment').length, 2, 'in the merge action');

    store.undo();
    assert.deepEqual(comments(), [[first.id, 'investment', '含中央资金', '张三']], 'undone with the merge');
  });
});
