/**
 * Promises of the collect-side checks of a returned workbook (electron/core/exchange/collect.ts,
 * checkReturn): a file superseded by a newer send-out to the same department, the very same file
 * while its merge is in force, and a file whose sent values the plan has lost are refused, each
 * with a message naming the file and the reason in Chinese and English; a merge that applied
 * nothing or was undone does not block the file. (The stamp refusals are in promises-exchange.)
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { addReturn, type ReturnRecord } from '../../../electron/core/exchange/batches';
import { checkReturn } from '../../../electron/core/exchange/collect';
import { readReturnedWorkbook, type ReturnedWorkbook } from '../../../electron/core/exchange/returnedWorkbook';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiOutput } from '../../../shared/contract/contract';
import { madeBytes, saveToFolder } from '../../fileRefs';
import { tempDir } from '../../helpers';

const HOUSING = '市住房和城乡建设局';
const ENVIRONMENT = '市生态环境局';

interface Refusal {
  zh: string;
  en: string;
  file: unknown;
}

/** The refusal checkReturn throws, or null when the file is accepted. */
function refusal(store: PlanStore, returned: ReturnedWorkbook): Refusal | null {
  try {
    checkReturn(store, returned);
    return null;
  } catch (error) {
    const body = (error as { body?: { messageZh: string; messageEn: string; where?: { file?: unknown } } }).body;
    if (!body) throw error;
    return { zh: body.messageZh, en: body.messageEn, file: body.where?.file };
  }
}

describe('promise: a returned file that is out of date, already merged or unverifiable is refused', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let projects: number;

  async function sendOut(departments: string[]): Promise<ReturnedWorkbook[]> {
    const response = await dispatch(context, 'sendout.create', {
      sheetId: projects,
      departments,
      package: 'files',
      fill: [{ standard: 'progress' }],
      saveTo: saveToFolder(),
    });
    if (!response.ok) throw new Error(response.error.messageEn);
    const { files } = response.result as ApiOutput<'sendout.create'>;
    return Promise.all(files.map((file) => readReturnedWorkbook(file.fileName, madeBytes(file.file))));
  }

  before(() => {
    store = createSamplePlan(path.join(dir, 'plan.planbench'));
    context = { store, edition: 'cli' };
    projects = store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
  });

  after(() => {
    store.close();
    cleanup();
  });

  test('the same file is refused only while a merge of it is in force', async () => {
    const [returned] = await sendOut([HOUSING]);
    const fileId = checkReturn(store, returned!).file.fileId;
    const record = (change: Partial<ReturnRecord>): ReturnRecord => ({
      at: '2026-03-05T09:30:00.000Z',
      fileName: '住建局回收.xlsx',
      sha256: returned!.sha256,
      actionId: null,
      cells: 3,
      inserts: 1,
      ...change,
    });
    // A preview closed without applying anything, and another file of the same send-out: no block.
    addReturn(store, fileId, record({ actionId: null }));
    const rowId = store.listRows(projects, 0, 1).rows[0]!.id;
    const other = store.updateCell(projects, rowId, 'name', '另一个文件合并的修改', { source: 'user' }).actionId!;
    addReturn(store, fileId, record({ sha256: 'f'.repeat(64), actionId: other }));
    assert.equal(refusal(store, returned!), null, 'nothing merged from this very file yet');

    const merged = store.updateCell(projects, rowId, 'name', '合并的修改', { source: 'user' }).actionId!;
    addReturn(store, fileId, record({ actionId: merged }));
    const refused = refusal(store, returned!);
    assert.ok(refused, 'the same bytes again, while their merge is in force');
    assert.equal(refused.file, returned!.fileName, 'the refusal names the file');
    assert.match(
      refused.zh,
      /^这个文件已于 2026-03-05 09:30 收回过（住建局回收\.xlsx，3 处修改、1 行新增）；同一文件不会重复合并。如需重新处理，请先撤销上次的合并$/,
    );
    assert.match(
      refused.en,
      /^this very file was already collected on 2026-03-05 09:30 \(住建局回收\.xlsx: 3 cells, 1 rows\); the same file is not merged twice — undo that merge first/,
    );

    store.undo();
    assert.equal(refusal(store, returned!), null, 'its merge undone, the file can be collected again');
  });

  test('a file from an earlier send-out is refused once the sheet went to the department again', async () => {
    const [older] = await sendOut([HOUSING]);
    assert.equal(refusal(store, older!), null, 'the newest send-out to the department');
    await sendOut([ENVIRONMENT]);
    assert.equal(refusal(store, older!), null, 'a newer send-out to another department does not supersede it');
    const [newer] = await sendOut([HOUSING, ENVIRONMENT]);
    const refused = refusal(store, older!);
    assert.ok(refused, 'superseded by the newer send-out to the same department');
    assert.equal(refused.file, older!.fileName);
    assert.match(
      refused.zh,
      new RegExp(
        `^“${escape(older!.fileName)}”是 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 下发的旧文件；\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 已向${HOUSING}重新下发了“重点工程”，请让其填写新下发的文件后发回$`,
      ),
    );
    assert.match(
      refused.en,
      new RegExp(
        `^"${escape(older!.fileName)}" is from the send-out of .+; "重点工程" was sent to ${HOUSING} again on .+ — ask them to fill in and return the newer file$`,
      ),
    );
    assert.equal(refusal(store, newer!), null, 'the newer file itself is accepted');
  });

  test('a file whose sent values the plan has lost cannot be checked and is refused', async () => {
    const [returned] = await sendOut([HOUSING]);
    const { file } = checkReturn(store, returned!);
    store.setSetting('sendout.sent', file.fileId, null);
    const refused = refusal(store, returned!);
    assert.ok(refused);
    assert.equal(refused.file, returned!.fileName);
    assert.equal(refused.zh, `规划中缺少“${returned!.fileName}”的下发内容记录，无法核对`);
    assert.equal(refused.en, `the plan has lost what was sent in "${returned!.fileName}", so it cannot be checked`);
  });

  test('a file the plan records as sent to another department is refused, even with its stamp intact', async () => {
    const [returned] = await sendOut([HOUSING]);
    const { batch, file } = checkReturn(store, returned!);
    const recorded = {
      ...batch,
      files: batch.files.map((candidate) =>
        candidate.fileId === file.fileId ? { ...candidate, department: ENVIRONMENT } : candidate,
      ),
    };
    store.setSetting('sendout.batch', batch.id, recorded);
    const refused = refusal(store, returned!);
    assert.ok(refused);
    assert.match(refused.zh, /标记被改动过/);
    store.setSetting('sendout.batch', batch.id, batch);
    assert.equal(refusal(store, returned!), null);
  });

  test('an accepted file comes back with its batch, its file record and what was sent in it', async () => {
    const [returned] = await sendOut([HOUSING]);
    const accepted = checkReturn(store, returned!);
    assert.equal(accepted.batch.id, returned!.stamp!.batchId);
    assert.equal(accepted.file.fileId, returned!.stamp!.fileId);
    assert.equal(accepted.returned.stamp, returned!.stamp);
    assert.equal(accepted.returned.data, returned!.data);
    assert.deepEqual(
      Object.keys(accepted.sent)
        .map(Number)
        .sort((a, b) => a - b),
      [...accepted.file.rowIds].sort((a, b) => a - b),
    );
  });

  test('a stamp altered after sending is refused with the department to ask, in both languages', async () => {
    const [returned] = await sendOut([HOUSING]);
    const stamp = returned!.stamp!;
    const refused = refusal(store, { ...returned!, stamp: { ...stamp, fingerprint: '0'.repeat(32) } });
    assert.ok(refused);
    assert.equal(refused.file, returned!.fileName);
    assert.equal(
      refused.zh,
      `“${returned!.fileName}”的下发标记与规划中的下发记录不一致（标记被改动过），无法核对；请让${HOUSING}使用原下发文件重新填写`,
    );
    assert.equal(
      refused.en,
      `the stamp of "${returned!.fileName}" does not match the plan's record of the send-out (it was altered), so the file cannot be checked; ask ${HOUSING} to fill in the original file again`,
    );
    const foreign = refusal(store, {
      ...returned!,
      stamp: { ...stamp, planId: 'another-plan', planTitle: '别的规划', createdAt: '2025-01-02T03:04:05.000Z' },
    });
    assert.ok(foreign);
    assert.equal(
      foreign.zh,
      `“${returned!.fileName}”来自另一份规划“别的规划”（2025-01-02 03:04 下发给${HOUSING}），不是当前规划“${store.getMeta().title}”的下发文件；请在下发它的规划中收回`,
    );
    assert.equal(
      foreign.en,
      `"${returned!.fileName}" belongs to another plan, "别的规划" (sent to ${HOUSING} on 2025-01-02 03:04), not to the open plan "${store.getMeta().title}"; collect it in the plan that sent it`,
    );
    const unknown = refusal(store, {
      ...returned!,
      stamp: { ...stamp, batchId: 'gone', createdAt: '2025-01-02T03:04:05.000Z' },
    });
    assert.ok(unknown);
    assert.equal(
      unknown.zh,
      `当前规划中没有“${returned!.fileName}”所属的下发记录（2025-01-02 03:04 下发给${HOUSING}）；打开的可能是下发之前的规划副本`,
    );
    assert.equal(
      unknown.en,
      `the open plan has no record of the send-out "${returned!.fileName}" came from (sent to ${HOUSING} on 2025-01-02 03:04); this may be a copy of the plan from before that send-out`,
    );
    const noSheet = refusal(store, { ...returned!, data: null });
    assert.ok(noSheet);
    assert.equal(noSheet.zh, `“${returned!.fileName}”中找不到填报工作表“${stamp.dataSheet}”（可能被删除或改名）`);
    assert.equal(
      noSheet.en,
      `the fill-in sheet "${stamp.dataSheet}" is missing from "${returned!.fileName}" (deleted or renamed)`,
    );
    const unstamped = refusal(store, { ...returned!, stamp: null });
    assert.ok(unstamped);
    assert.equal(unstamped.file, returned!.fileName);
    assert.match(
      unstamped.zh,
      new RegExp(
        `^“${escape(returned!.fileName)}”中的下发标记（隐藏工作表）已被删除，无法确认它来自哪次下发、哪个单位；请让填报单位在原下发文件上填写后发回，或通过“导入”向导导入其中的数据（不作改动核对）$`,
      ),
    );
    assert.match(
      unstamped.en,
      /ask the department to fill in the original file, or bring its data in with the import wizard \(without change checking\)$/,
    );
    const foreignFile = refusal(store, { ...returned!, stamp: null, data: null });
    assert.ok(foreignFile);
    assert.equal(
      foreignFile.zh,
      `“${returned!.fileName}”不是规划工作台下发的填报文件（没有下发标记）；如需把其中的数据导入规划，请使用“导入”向导`,
    );
    assert.equal(
      foreignFile.en,
      `"${returned!.fileName}" is not a Planbench send-out workbook (it has no stamp); to bring its data into the plan, use the import wizard`,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
