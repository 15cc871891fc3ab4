import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/contract/contract';
import { convertWithLibreOffice } from '../../fixtures/libreoffice';
import { tempDir } from '../../helpers';
import { editSendOut } from './exchange-libreoffice';
import { madeBytes, pathRef, saveToFolder } from '../../fileRefs';

/**
 * A department that fills in its send-out workbook and saves it as Excel 97-2003 (.xls) — or WPS
 * .et — is collected exactly as if it had kept .xlsx: LibreOffice saves the same edited workbook
 * both ways, and both previews must agree cell for cell, protection included.
 */

const DEPARTMENT = '市住房和城乡建设局';

async function call<N extends ApiName>(context: ApiContext, name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const response = await dispatch(context, name, input);
  if (!response.ok) throw new Error(`${name}: ${response.error.messageZh} / ${response.error.messageEn}`);
  return response.result as ApiOutput<N>;
}

describe('a returned workbook saved as .xls or .et', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let sheetId: number;
  let sent: number[];
  let asXls: string;
  let asXlsx: string;

  before(async () => {
    store = createSamplePlan(path.join(dir, 'plan.planbench'));
    context = { store, edition: 'cli' };
    sheetId = store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
    sent = store
      .listRows(sheetId, 0, 100)
      .rows.filter((row) => (row.cells.responsible?.value as string[])[0] === DEPARTMENT)
      .map((row) => row.id);
    const result = await call(context, 'sendout.create', {
      sheetId,
      departments: [DEPARTMENT],
      package: 'files',
      saveTo: saveToFolder(),
    });
    const original = path.join(dir, 'sent.xlsx');
    fs.writeFileSync(original, madeBytes(result.files[0]!.file));
    const edited = path.join(dir, 'returned-xls.xlsx');
    await editSendOut(original, edited, {
      cells: [
        [1, '完成投资', 1234.5],
        [2, '存在问题', '@资金缺口'],
        [2, '完成时间', new Date(Date.UTC(2024, 5, 30))],
        [3, '项目名称', '改了名字'],
      ],
    });
    [asXls] = convertWithLibreOffice([edited], 'xls') as [string];
    [asXlsx] = convertWithLibreOffice([edited], 'xlsx') as [string];
  });

  after(() => {
    store?.close();
    cleanup();
  });

  const preview = (file: string, name: string) =>
    call(context, 'collect.preview', { file: pathRef(fs.readFileSync(file), name) });

  test('the .xls preview is the .xlsx preview: the same changes, the locked edit, the protection', async () => {
    const fromXlsx = await preview(asXlsx, '住建局.xlsx');
    for (const name of ['住建局.xls', '住建局.et']) {
      const fromXls = await preview(asXls, name);
      assert.equal(fromXls.department, DEPARTMENT);
      assert.deepEqual(
        fromXls.protection,
        { sheetProtected: true, fillInUnlocked: true },
        `${name}: PROTECT and unlocked fill-in XFs`,
      );
      assert.deepEqual(fromXls.protection, fromXlsx.protection);
      assert.deepEqual({ ...fromXls.counts }, { ...fromXlsx.counts });
      const cells = (shown: typeof fromXls) =>
        shown.rows.flatMap((row) => row.cells.map((cell) => [row.rowId, cell.header, cell.kind, cell.returned]));
      assert.deepEqual(cells(fromXls), cells(fromXlsx), name);
    }
    const cells = new Map(
      fromXlsx.rows.flatMap((row) => row.cells.map((cell) => [`${row.rowId}:${cell.header}`, cell])),
    );
    assert.deepEqual(
      [
        cells.get(`${sent[0]}:完成投资（万元）`),
        cells.get(`${sent[1]}:存在问题`),
        cells.get(`${sent[1]}:完成时间`),
        cells.get(`${sent[2]}:项目名称`),
      ].map((cell) => [cell?.kind, cell?.returned]),
      [
        ['proposed', '1234.5'],
        ['proposed', '@资金缺口'],
        ['proposed', '2024-06-30'],
        ['locked', '改了名字'],
      ],
    );
  });

  test('applying the .xls return writes the department’s figures', async () => {
    const shown = await preview(asXls, '住建局.xls');
    const result = await call(context, 'collect.apply', { previewId: shown.previewId, accept: 'all' });
    assert.equal(result.applied.cells, 3);
    const rows = new Map(store.listRows(sheetId, 0, 200).rows.map((row) => [row.id, row]));
    assert.equal(rows.get(sent[0]!)!.cells.doneInvestment?.value, '1234.5');
    assert.equal(rows.get(sent[1]!)!.cells.doneDate?.value, '2024-06-30');
    assert.equal(store.history(1)[0]!.detail, `${DEPARTMENT} · 住建局.xls`);
  });
});
