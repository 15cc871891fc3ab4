import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../../electron/core/api/handlers';
import { createSamplePlan } from '../../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../../electron/core/store/planStore';
import type { RowData } from '../../../../shared/contract/contract';
import { decimalToFen, formatMoney } from '../../../../shared/values/money';
import { REPO_ROOT, tempDir } from '../../../helpers';
import { convertAll, sofficeSkip } from '../../exchange/exchange-libreoffice';
import type { PdfPage } from './wordPages';
import { docxPart, pdfInfo, pdfPages, squash } from './wordPages';

/**
 * A sheet as a Word attachment, opened by LibreOffice as an official would: the sample's 88
 * projects and its 2023 task sheet (landscape) and the micro-grid table (portrait) are written
 * as .docx through the API, converted to PDF by LibreOffice headless in one run, and read back
 * with poppler — every row whole on one page with its 序号, the header and "— N —" on every
 * page, the exact 合计 — and the .docx's own XML read back with the product's zip reader.
 * Page images land in test-output/word/ for people to look at.
 */

const PNG_DIR = path.join(REPO_ROOT, 'test-output', 'word');
const A4_LANDSCAPE = { width: 841.89, height: 595.3 };

const SHEETS = { projects: '重点工程', tasks: '2023年工作方案任务', grid: '微电网试点分解表' } as const;
type SheetKey = keyof typeof SHEETS;

interface Exported {
  docx: string;
  pdf: string;
  result: { rows: number; orientation: string; fontSizePt: number; warnings: string[] };
  rows: RowData[];
  pages: PdfPage[];
}

describe(
  'a sheet as a Word attachment, read back through LibreOffice',
  { timeout: 240_000, skip: sofficeSkip() },
  () => {
    const { dir, cleanup } = tempDir();
    let store: PlanStore;
    const exported = {} as Record<SheetKey, Exported>;

    before(async () => {
      store = createSamplePlan(path.join(dir, 'sample.planbench'));
      const context: ApiContext = { store, edition: 'cli' };
      const made: [SheetKey, string, Exported['result']][] = [];
      for (const [key, name] of Object.entries(SHEETS) as [SheetKey, string][]) {
        const sheetId = store.listSheets().find((sheet) => sheet.name === name)!.id;
        const docx = path.join(dir, `${key}.docx`);
        const response = await dispatch(context, 'export.word', { sheetId, saveTo: { path: docx } });
        assert.ok(response.ok, JSON.stringify(response));
        made.push([key, docx, response.result as Exported['result']]);
        exported[key] = {
          docx,
          pdf: '',
          result: response.result as Exported['result'],
          rows: store.listRows(sheetId, 0, 1000).rows,
          pages: [],
        };
      }
      await convertAll(
        made.map(([, docx]) => docx),
        'pdf',
        path.join(dir, 'pdf'),
      );
      for (const [key, docx] of made) {
        exported[key].pdf = path.join(dir, 'pdf', `${key}.pdf`);
        exported[key].pages = await pdfPages(exported[key].pdf, docx, '序号');
      }
      fs.mkdirSync(PNG_DIR, { recursive: true });
      execFileSync('pdftoppm', [
        '-r',
        '60',
        '-png',
        '-f',
        '1',
        '-l',
        '2',
        exported.projects.pdf,
        path.join(PNG_DIR, 'projects'),
      ]);
      execFileSync('pdftoppm', [
        '-r',
        '60',
        '-png',
        '-f',
        '1',
        '-l',
        '1',
        exported.grid.pdf,
        path.join(PNG_DIR, 'grid'),
      ]);
    });
    after(() => {
      store.close();
      cleanup();
    });

    /**
     * No row is split and none is lost: in sheet order, each row's content is whole in its column
     * on one page (the first from the previous row's on: duplicate rows print alike), and the 序号
     * in the first column of every page are exactly those of the rows that start there. A row the
     * export warned goes on over the next page (taller than a page, or than the first page leaves)
     * must start on a page with its 序号 all the same.
     */
    function assertRowsWholeWithTheirNumbers(
      sheet: Exported,
      content: { key: string; column: number },
      name: { key: string; column: number },
    ): number {
      const tall = new Set(
        sheet.result.warnings.flatMap((warning) => {
          const number = /^第 (\d+) 行.*接续排到下一页/.exec(warning)?.[1];
          return number ? [Number(number)] : [];
        }),
      );
      const placed: string[][] = sheet.pages.map(() => []);
      let page = 0;
      sheet.rows.forEach((row, index) => {
        const seq = row.cells.seq!.text;
        // A row without content (a heading row over its sub-items) is found by its name.
        const by = (row.cells[content.key]?.text ?? '').trim() === '' ? name : content;
        const text = squash(row.cells[by.key]?.text ?? '');
        const wanted = tall.has(index + 1) ? text.slice(0, 6) : text;
        while (page < sheet.pages.length && !sheet.pages[page]!.columns[by.column]!.includes(wanted)) page++;
        assert.ok(page < sheet.pages.length, `row ${seq} is not whole on any page (split or lost)`);
        placed[page]!.push(seq);
      });
      sheet.pages.forEach((page, index) => {
        // A 序号 such as 10+1 may wrap in its narrow column: compared as one text.
        const numbers = page.columnWords[0]!.filter((word) => word !== '序号').join(' ');
        assert.equal(
          squash(numbers),
          placed[index]!.join(''),
          `page ${index + 1}: the 序号 (${numbers}) and the rows that start on it (${placed[index]!.join(' ')})`,
        );
      });
      return tall.size;
    }

    function assertEveryPage(sheet: Exported, headers: readonly string[]): void {
      sheet.pages.forEach((page, index) => {
        const flat = squash(page.text);
        for (const header of headers)
          assert.ok(flat.includes(squash(header)), `page ${index + 1} lacks the header ${header}`);
        assert.ok(flat.includes(`—${index + 1}—`), `page ${index + 1} lacks its page number — ${index + 1} —`);
      });
    }

    test('the 88 projects: A4 landscape, 附件1 and the title, the header and — N — on every page, every project whole with its 序号', () => {
      const sheet = exported.projects;
      const info = pdfInfo(sheet.pdf);
      assert.ok(
        Math.abs(info.width - A4_LANDSCAPE.width) < 1 && Math.abs(info.height - A4_LANDSCAPE.height) < 1,
        `${info.width} x ${info.height}`,
      );
      assert.equal(sheet.result.rows, 88);
      assert.equal(sheet.result.orientation, 'landscape');
      assert.ok(info.pages >= 8 && info.pages <= 30, `${info.pages} pages`);
      assert.equal(sheet.pages.length, info.pages);
      const first = squash(sheet.pages[0]!.text);
      assert.ok(first.startsWith('附件1常州市生态文明建设重点工程表'), first.slice(0, 40));
      assertEveryPage(sheet, [
        '序号',
        '大类',
        '小类',
        '项目名称',
        '建设内容、规模',
        '投资匡算',
        '（万元）',
        '责任主体',
      ]);
      assert.equal(
        assertRowsWholeWithTheirNumbers(sheet, { key: 'content', column: 4 }, { key: 'name', column: 3 }),
        0,
        'no project is taller than a page',
      );
      assert.deepEqual(sheet.result.warnings, []);
    });

    test('the 88 projects: the 合计 is the exact sum in 万元 with two decimals, naming the unknown amount', () => {
      const sheet = exported.projects;
      let fen = 0n;
      let unknown = 0;
      for (const row of sheet.rows) {
        const value = row.cells.investment?.value;
        const amount = typeof value === 'string' ? decimalToFen(value, '万元') : null;
        if (amount === null) unknown++;
        else fen += amount;
      }
      const total = formatMoney(fen, '万元', 2);
      assert.equal(total, '3,309,473.59');
      const last = squash(sheet.pages.at(-1)!.text);
      assert.ok(last.includes(`合计（共88项，其中${unknown}项投资匡算未知，未计入）`), last.slice(-200));
      assert.ok(last.includes(total), `the last page lacks ${total}`);
      // Amounts as the sheet shows them: 万元 with two decimals, "/" for the unknown one.
      const amounts = sheet.pages.flatMap((page) => page.columnWords[6]!);
      assert.ok(amounts.includes('4,600.00') && amounts.includes('/'), amounts.slice(0, 12).join(' '));
    });

    test('the 2023 tasks: each task whole on a page with its 序号 unless taller than a page, Chinese intact, the header on every page', () => {
      const sheet = exported.tasks;
      const info = pdfInfo(sheet.pdf);
      assert.ok(Math.abs(info.width - A4_LANDSCAPE.width) < 1, `${info.width} x ${info.height}`);
      assert.equal(sheet.result.rows, 47);
      // Ten columns of long texts in 小四: about a task a page, a few tasks longer than a page.
      assert.ok(info.pages >= 10 && info.pages <= 2 * 47, `${info.pages} pages`);
      assertEveryPage(sheet, ['序号', '板块', '工作事项', '具体内容', '牵头单位', '配合单位', '完成时限']);
      const tall = assertRowsWholeWithTheirNumbers(sheet, { key: 'content', column: 3 }, { key: 'item', column: 2 });
      // Ten columns in landscape: the long 具体内容 of some tasks runs past a page, and is said so.
      assert.ok(tall > 0 && tall < 47 / 2, `${tall} tasks go on over a page break`);
      // Chinese intact: every task's 工作事项, 牵头单位 and 完成时限, in their columns (a row going
      // on over a page break has the repeated header in between).
      for (const [key, column, header] of [
        ['item', 2, '工作事项'],
        ['lead', 4, '牵头单位'],
        ['deadline', 8, '完成时限'],
      ] as const) {
        const text = sheet.pages.map((page) => page.columns[column]!.replaceAll(header, '')).join('');
        for (const row of sheet.rows)
          assert.ok(text.includes(squash(row.cells[key]?.text ?? '')), `row ${row.cells.seq!.text}: ${key} missing`);
      }
    });

    test('the .docx names the official fonts, with fallbacks, and repeats its header, keeps rows whole, on A4 with the standard margins', async () => {
      const document = await docxPart(exported.projects.docx, 'word/document.xml');
      const fonts = await docxPart(exported.projects.docx, 'word/fontTable.xml');
      assert.match(document, /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
      // GB/T 9704's margins turned with the page: top 28 mm, right 37, bottom 26, left 35.
      assert.match(document, /<w:pgMar w:top="1587" w:right="2098" w:bottom="1474" w:left="1984"/);
      const runsIn = (font: string) => document.split(`w:eastAsia="${font}"`).length - 1;
      assert.ok(runsIn('仿宋_GB2312') > 88, 'the body in 仿宋_GB2312');
      assert.ok(runsIn('方正小标宋简体') === 1, 'the title in 方正小标宋简体');
      assert.ok(runsIn('黑体') >= 9, '附件1, the header and the 合计 in 黑体');
      assert.match(
        document,
        /<w:rFonts w:ascii="黑体"[^>]*\/><w:sz w:val="32"\/>(?:<w:szCs w:val="32"\/>)?<\/w:rPr><w:t[^>]*>附件1</,
      );
      assert.match(
        document,
        /<w:sz w:val="44"\/>(?:<w:szCs w:val="44"\/>)?<\/w:rPr><w:t[^>]*>常州市生态文明建设重点工程表</,
      );
      // Fallbacks: each font names the next to try, all in the GB2312 character set.
      for (const [font, next] of [
        ['仿宋_GB2312', '仿宋'],
        ['仿宋', 'FangSong'],
        ['FangSong', 'STFangsong'],
        ['方正小标宋简体', '小标宋'],
        ['黑体', 'SimHei'],
      ]) {
        assert.match(
          fonts,
          new RegExp(`<w:font w:name="${font}"><w:altName w:val="${next}"/>.*?<w:charset w:val="86"/>`),
        );
      }
      const rows = document.match(/<w:tr>|<w:tr [^>]*>/g)!.length;
      assert.equal(document.match(/<w:tblHeader\/>/g)?.length, 1, 'one header row, repeated on every page');
      assert.equal(document.match(/<w:cantSplit\/>/g)?.length, rows, 'no row splits across pages');
      assert.match(document, /<w:tblLayout w:type="fixed"\/>/);
      // A multi-line cell keeps its lines: the amount's header, 投资匡算 over （万元）, as two paragraphs.
      assert.match(document, /<w:t[^>]*>投资匡算<\/w:t><\/w:r><\/w:p><w:p>.*?<w:t[^>]*>（万元）<\/w:t>/);
      const grid = [...document.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
      assert.ok(Math.abs(grid - (16838 - 2098 - 1984)) <= 8, `the columns span the text area: ${grid}`);
      const footers =
        (await docxPart(exported.projects.docx, 'word/footer1.xml')) +
        (await docxPart(exported.projects.docx, 'word/footer2.xml'));
      assert.match(footers, /PAGE/);
      assert.match(footers, /<w:jc w:val="right"\/>/);
      assert.match(footers, /<w:jc w:val="left"\/>/);
    });

    test('a narrow table goes portrait in 四号, with the standard portrait margins', async () => {
      const sheet = exported.grid;
      assert.equal(sheet.result.orientation, 'portrait');
      assert.equal(sheet.result.fontSizePt, 14);
      const info = pdfInfo(sheet.pdf);
      assert.ok(
        Math.abs(info.width - A4_LANDSCAPE.height) < 1 && Math.abs(info.height - A4_LANDSCAPE.width) < 1,
        `${info.width} x ${info.height}`,
      );
      assert.equal(info.pages, 1);
      const document = await docxPart(sheet.docx, 'word/document.xml');
      assert.match(document, /<w:pgSz w:w="11906" w:h="16838"/);
      assert.match(document, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
      assert.match(document, /<w:sz w:val="28"\/>(?:<w:szCs w:val="28"\/>)?<\/w:rPr><w:t[^>]*>2024年</);
      const text = squash(sheet.pages[0]!.text);
      for (const row of sheet.rows) assert.ok(text.includes(row.cells.district!.text), row.cells.district!.text);
    });
  },
);
