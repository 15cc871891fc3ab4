import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { DEPARTMENTS, generateProjects, PROJECT_COLUMNS } from '../../../bench/data';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { browserCandidates, findBrowser } from '../../../electron/core/print/chromium';
import { closePdfRenderer } from '../../../electron/core/print/engine';
import { wholeFontEmbedded } from '../../../electron/core/print/fontPlan';
import { ALL_PRINT_FONTS } from '../../../electron/core/print/fonts';
import type { PrintLayout } from '../../../electron/core/print/layout';
import type { PrintRow } from '../../../electron/core/print/model';
import { defaultPrintOptions } from '../../../electron/core/print/options';
import type { SheetPdf } from '../../../electron/core/print/printSheet';
import { printSheetToPdf } from '../../../electron/core/print/printSheet';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { PrintOptionsInput } from '../../../shared/contract/calls/printing';
import { CONTENT_SECURITY_POLICY } from '../../../shared/contract/security';
import { REPO_ROOT, tempDir } from '../../helpers';

/**
 * Printing through real headless Chromium, checked with poppler (pdfinfo, pdftotext, pdftoppm):
 * the sample's 88 projects and its 孤独症 task breakdown grouped by 牵头单位, a 3,000-character
 * cell, 2,000 rows, the API calls, and the preview under the renderer's CSP. Page images land in
 * test-output/print/ for people to look at.
 */

const PNG_DIR = path.join(REPO_ROOT, 'test-output', 'print');

/** Whitespace dropped: pdftotext breaks lines where cells wrap. */
const squash = (text: string) => text.replace(/\s+/g, '');

function pdfInfo(file: string): { pages: number; width: number; height: number; paper: string } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts(?: \((\w+)\))?/m.exec(info);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]), paper: size?.[3] ?? '' };
}

/** The text of each page, in pdftotext's reading order. */
function pageTexts(file: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

const PT_PER_MM = 72 / 25.4;
const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * Per page, per table column as the layout placed it: the column's text top to bottom, from the
 * positions of the words in the PDF. pdftotext's reading order mixes neighbouring cells' lines;
 * the column boundaries from the layout keep every cell's text together.
 */
function columnTexts(file: string, layout: PrintLayout): string[][] {
  const { geometry, columns } = layout.model;
  const edges = [geometry.margins.left];
  for (const column of columns) edges.push(edges.at(-1)! + column.widthMm);
  // The page number sits below the text area: not part of any column.
  const bottom = (geometry.margins.top + geometry.bodyHeightMm) * PT_PER_MM;
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return xml
    .split('<page ')
    .slice(1)
    .map((page) => {
      const words = [
        ...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
      ].map((match) => ({
        x: (Number(match[1]) + Number(match[3])) / 2 / PT_PER_MM,
        y: Number(match[2]),
        text: unescapeXml(match[4]!),
      }));
      return columns.map((_, index) =>
        words
          .filter((word) => word.x >= edges[index]! && word.x < edges[index + 1]! && word.y < bottom)
          .sort((a, b) => a.y - b.y || a.x - b.x)
          .map((word) => word.text)
          .join(''),
      );
    });
}

function savePdf(name: string, pdf: SheetPdf, dir: string): string {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf.bytes);
  return file;
}

/** Page images for people to look at, and a check that poppler can draw every page. */
function renderPngs(file: string, name: string, lastPage?: number): string[] {
  fs.mkdirSync(PNG_DIR, { recursive: true });
  for (const old of fs.readdirSync(PNG_DIR).filter((entry) => entry.startsWith(`${name}-`)))
    fs.rmSync(path.join(PNG_DIR, old));
  const range = lastPage ? ['-f', '1', '-l', String(lastPage)] : [];
  execFileSync('pdftoppm', ['-r', '50', '-png', ...range, file, path.join(PNG_DIR, name)]);
  return fs.readdirSync(PNG_DIR).filter((entry) => entry.startsWith(`${name}-`) && entry.endsWith('.png'));
}

/** Rows in the order the layout put them on pages (1-based page numbers). */
function rowPages(layout: PrintLayout): { row: PrintRow; page: number }[] {
  return layout.pages.flatMap((page) =>
    page.blocks.flatMap((block) =>
      block.items.flatMap((item) => (item.kind === 'row' ? [{ row: item.row, page: page.number }] : [])),
    ),
  );
}

/** Every page box holds its content (the layout's own check in the browser found nothing cut off). */
function assertNothingCutOff(pdf: SheetPdf): void {
  assert.deepEqual(
    pdf.warnings.filter((warning) => /超出版心|可能显示不全|不一致/.test(warning)),
    [],
  );
}

function assertA4Landscape(info: ReturnType<typeof pdfInfo>): void {
  assert.ok(
    Math.abs(info.width - 841.92) < 1 && Math.abs(info.height - 595.28) < 1,
    `page size ${info.width} x ${info.height}`,
  );
}

/** Every page: the header texts and its own 第 X 页 共 Y 页. */
function assertEveryPageHasHeaderAndNumber(texts: readonly string[], headers: readonly string[]): void {
  texts.forEach((text, index) => {
    const flat = squash(text);
    for (const header of headers)
      assert.ok(flat.includes(squash(header)), `page ${index + 1} lacks the header ${header}`);
    assert.ok(
      flat.includes(`第${index + 1}页共${texts.length}页`),
      `page ${index + 1} lacks 第 ${index + 1} 页 共 ${texts.length} 页`,
    );
  });
}

/**
 * No row is split: every cell of every row is whole, in its column, on the page the layout put
 * the row on; and every page holds exactly the rows laid out for it.
 */
function assertRowsOnTheirPages(layout: PrintLayout, columns: readonly string[][]): void {
  assert.equal(columns.length, layout.pages.length);
  for (const { row, page } of rowPages(layout)) {
    if (row.part) continue;
    row.cells.forEach((cell, index) => {
      if (layout.model.columns[index]!.mergeLevel !== null) return;
      const text = squash(columns[page - 1]![index]!);
      assert.ok(text.includes(squash(cell)), `${row.label}: “${cell.slice(0, 20)}” is not whole on page ${page}`);
    });
  }
}

describe('printing with headless Chromium', { timeout: 120_000 }, () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  const sheetId = (name: string) => store.listSheets().find((sheet) => sheet.name === name)!.id;
  const print = (name: string, options: PrintOptionsInput = {}) =>
    printSheetToPdf(store, sheetId(name), defaultPrintOptions(options));

  before(() => {
    store = createSamplePlan(path.join(dir, 'sample.planbench'));
    context = { store, edition: 'browser' };
  });
  after(async () => {
    await closePdfRenderer();
    store.close();
    cleanup();
  });

  test('the 88 projects, 大类 merged: A4 landscape, header and page number on every page, every project, the exact total', async () => {
    const pdf = await print('重点工程');
    const file = savePdf('projects', pdf, dir);
    const info = pdfInfo(file);
    assertA4Landscape(info);
    assert.equal(info.pages, pdf.layout.pages.length, 'one sheet of paper per laid-out page');
    assert.ok(info.pages >= 8 && info.pages <= 30, `${info.pages} pages`);
    assert.deepEqual(pdf.warnings, []);

    const texts = pageTexts(file);
    assert.equal(texts.length, info.pages);
    assertEveryPageHasHeaderAndNumber(texts, [
      '序号',
      '大类',
      '小类',
      '项目名称',
      '建设内容、规模',
      '投资匡算（万元）',
      '责任主体',
    ]);
    assert.ok(squash(texts[0]!).includes('常州市生态文明建设重点工程表'));
    assert.ok(squash(texts.at(-1)!).includes(`第${info.pages}页共${info.pages}页`));

    const columns = columnTexts(file, pdf.layout);
    const names = squash(columns.map((page) => page[3]).join(''));
    const projects = store.listRows(sheetId('重点工程'), 0, 200).rows;
    assert.equal(projects.length, 88);
    for (const project of projects)
      assert.ok(names.includes(squash(project.cells.name!.text)), `missing ${project.cells.name!.text}`);
    assertRowsOnTheirPages(pdf.layout, columns);

    const last = squash(texts.at(-1)!);
    assert.ok(last.includes('3,309,473.59'), 'the exact total, 3,309,473.59 万元');
    assert.ok(last.includes('合计（共88项，其中18项投资匡算未知，未计入）'));
    assert.ok(squash(texts[1]!).includes('生态安全类（续）'), 'a category carried over a page break says （续）');

    assert.equal(renderPngs(file, 'projects').length, info.pages);
  });

  test('the 孤独症 task breakdown grouped by 牵头单位: one section per unit, each on its own pages', async () => {
    const pdf = await print('孤独症任务分解表', {
      groupBy: 'lead',
      attachmentNumber: '2',
      docNumber: '常政办发〔2024〕28号',
    });
    const file = savePdf('autism-by-lead', pdf, dir);
    assertNothingCutOff(pdf);
    const info = pdfInfo(file);
    assertA4Landscape(info);
    assert.equal(info.pages, pdf.layout.pages.length);
    const texts = pageTexts(file);
    assertEveryPageHasHeaderAndNumber(texts, ['序号', '工作事项', '具体内容', '牵头单位', '配合单位']);
    assert.ok(squash(texts[0]!).startsWith('附件2'));
    assert.ok(squash(texts[0]!).includes('常州市深化孤独症全程支持服务实施方案任务分解表'));

    const sections = pdf.layout.model.sections;
    assert.ok(sections.length >= 10, `${sections.length} sections`);
    for (const section of sections) {
      const first = pdf.layout.pages.find((page) =>
        page.blocks.some((block) => block.heading === section.heading!.text),
      )!;
      assert.ok(first, `section ${section.heading!.text} is on no page`);
      assert.equal(first.titleBlock === null, false, 'each section starts a page with the title');
      assert.ok(squash(texts[first.number - 1]!).includes(squash(section.heading!.text)));
    }
    assertRowsOnTheirPages(pdf.layout, columnTexts(file, pdf.layout));
    assert.ok(squash(texts.at(-1)!).includes('合计（共33项）'), 'the grand total counts each task once');
    assert.equal(renderPngs(file, 'autism-by-lead', 3).length, 3);
  });

  test('the 88 projects in 大类 sections running on: exact subtotals with unknowns counted, rows whole', async () => {
    const pdf = await print('重点工程', { groupBy: 'category', groupPageBreak: false });
    const file = savePdf('projects-by-category', pdf, dir);
    assertNothingCutOff(pdf);
    assert.equal(pdfInfo(file).pages, pdf.layout.pages.length);
    const all = squash(pageTexts(file).join(''));
    for (const [category, count, amount, unknown] of [
      ['生态安全类', 24, '1,042,783.59', 3],
      ['生态空间类', 21, '140,950.00', 1],
      ['生态制度类', 9, '0.00', 9],
    ] as const) {
      assert.ok(all.includes(`大类：${category}（${count}项）`), `heading of ${category}`);
      const subtotal = pdf.layout.model.sections.find((section) => section.heading?.text.includes(category))!.subtotal!;
      assert.equal(subtotal.cells[6], amount);
      assert.ok(all.includes(squash(subtotal.label)) && subtotal.label.includes(`其中 ${unknown} 项投资匡算未知`));
    }
    assert.ok(all.includes('3,309,473.59'));
    assertRowsOnTheirPages(pdf.layout, columnTexts(file, pdf.layout));
  });

  test('A3 portrait and one department’s rows', async () => {
    const pdf = await print('重点工程', {
      paper: 'A3',
      orientation: 'portrait',
      filters: [{ columnKey: 'responsible', values: ['市生态环境局'] }],
    });
    const file = savePdf('projects-a3', pdf, dir);
    assertNothingCutOff(pdf);
    const info = pdfInfo(file);
    assert.ok(
      Math.abs(info.width - 841.89) < 1.5 && Math.abs(info.height - 1190.55) < 1.5,
      `A3 portrait: ${info.width} x ${info.height}`,
    );
    const rows = rowPages(pdf.layout);
    assert.ok(rows.length > 0);
    assert.ok(
      rows.every(({ row }) => row.cells[7]!.includes('市生态环境局')),
      'only that department’s rows',
    );
  });

  test('a 3,000-character cell prints over several pages, marked and complete', async () => {
    const samples = store
      .listRows(sheetId('重点工程'), 0, 200)
      .rows.map((row) => row.cells.content!.text.replace(/\s+/g, ''));
    // Real contents, with symbols the first body font lacks (drawn by a fallback font, whose
    // taller lines the cutting must allow for).
    let long = '';
    for (let index = 0; long.length < 3000; index++)
      long += samples[index % samples.length] + (index % 3 === 0 ? '（≥35μg/m³，Ⅲ类）' : '');
    long = long.slice(0, 3000);
    const longId = store.createSheet({
      name: '长文本',
      kind: 'table',
      columns: [
        { key: 'seq', name: '序号', type: 'number', role: 'seq' },
        { key: 'name', name: '事项', type: 'text', role: 'name' },
        { key: 'content', name: '具体内容', type: 'longText', role: 'content' },
      ],
    });
    store.insertRows(
      longId,
      [
        { cells: { seq: '1', name: '短事项', content: '一行内容' } },
        { cells: { seq: '2', name: '长事项', content: long } },
        { cells: { seq: '3', name: '其后事项', content: '紧随其后' } },
      ],
      { source: 'system' },
    );
    const pdf = await printSheetToPdf(
      store,
      longId,
      defaultPrintOptions({
        columns: [
          { key: 'seq', widthMm: 15 },
          { key: 'name', widthMm: 40 },
          { key: 'content', widthMm: 60 },
        ],
      }),
    );
    const file = savePdf('long-cell', pdf, dir);
    assertNothingCutOff(pdf);
    const info = pdfInfo(file);
    assert.equal(info.pages, pdf.layout.pages.length);
    const parts = rowPages(pdf.layout).filter(({ row }) => row.part !== null);
    assert.ok(parts.length >= 3, `the long row is cut into ${parts.length} parts`);
    assert.equal(new Set(parts.map(({ page }) => page)).size, parts.length, 'one part per page');
    assert.match(pdf.warnings.join('\n'), /第 2 行（长事项）高于一页，分 \d+ 页打印/);
    const texts = pageTexts(file);
    // The content column, page after page, without its header and the continuation marks.
    const content = squash(
      columnTexts(file, pdf.layout)
        .map((page) => page[2])
        .join(''),
    ).replace(/具体内容|（转下页）|（接上页）/g, '');
    assert.ok(content.includes(squash(long)), 'every character of the long cell, in order');
    assert.ok(squash(texts[parts[0]!.page - 1]!).includes('（转下页）'));
    assert.ok(squash(texts[parts[1]!.page - 1]!).includes('（接上页）'));
    assert.ok(squash(texts.at(-1)!).includes('紧随其后'));
    renderPngs(file, 'long-cell', 3);
  });

  test('2,000 rows print, every row on its page, with the exact total', async () => {
    const generated = generateProjects(2000);
    const bigId = store.createSheet({ name: '两千行', kind: 'projects', columns: PROJECT_COLUMNS });
    store.addDepartments(DEPARTMENTS.filter((department) => !store.resolveDepartment(department.name)));
    store.insertRows(
      bigId,
      generated.rows.map((row) => ({ cells: row.cells })),
      { source: 'system' },
    );
    const pdf = await printSheetToPdf(
      store,
      bigId,
      defaultPrintOptions({ sort: [{ columnKey: 'category', direction: 'asc' }] }),
    );
    const file = savePdf('rows-2000', pdf, dir);
    assertNothingCutOff(pdf);
    const info = pdfInfo(file);
    assertA4Landscape(info);
    assert.equal(info.pages, pdf.layout.pages.length);
    const texts = pageTexts(file);
    assertRowsOnTheirPages(pdf.layout, columnTexts(file, pdf.layout));
    assert.equal(rowPages(pdf.layout).length, 2000);
    const expected = pdf.layout.model.total!.cells[6]!;
    assert.ok(squash(texts.at(-1)!).includes(expected));
    const known = generated.rows.filter((row) => row.investmentFen !== null).length;
    assert.ok(squash(texts.at(-1)!).includes(`其中${2000 - known}项总投资未知`));
  });

  test('the fonts in use have a glyph for every character printed', () => {
    const wanted = new Set(ALL_PRINT_FONTS);
    const listing = execFileSync('fc-list', ['--format', '%{family}|%{charset}\n'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const ranges: [number, number][] = [];
    for (const line of listing.split('\n')) {
      const [families = '', charset = ''] = line.split('|');
      if (!families.split(',').some((family) => wanted.has(family))) continue;
      for (const part of charset.split(' ').filter(Boolean)) {
        const [low = '0', high = low] = part.split('-');
        ranges.push([parseInt(low, 16), parseInt(high, 16)]);
      }
    }
    assert.ok(
      ranges.length > 0,
      'no font of the print stacks is installed (fonts-noto-cjk, fonts-wqy-zenhei, fonts-arphic-uming)',
    );
    const covered = (code: number) => ranges.some(([low, high]) => code >= low && code <= high);
    const printed = new Set<string>();
    for (const sheet of store.listSheets()) {
      for (const row of store.listRows(sheet.id, 0, 5000).rows) {
        for (const cell of Object.values(row.cells)) for (const ch of cell.text) printed.add(ch);
      }
      for (const column of store.getSheet(sheet.id).columns) for (const ch of column.name) printed.add(ch);
    }
    for (const ch of '第页共附件合计小计项其中未知计入（续）转下页接上页〔〕0123456789,.') printed.add(ch);
    const missing = [...printed].filter((ch) => /\S/.test(ch) && !covered(ch.codePointAt(0)!));
    assert.deepEqual(missing, [], `characters no print font can draw: ${missing.join(' ')}`);
  });

  test(
    'TrueType CJK fonts embed as a few clean subsets, not Type 3',
    { skip: !hasTrueTypeCjk() && 'fonts-wqy-zenhei and fonts-arphic-uming are not installed' },
    async () => {
      const pdf = await print('孤独症任务分解表');
      const file = savePdf('fonts', pdf, dir);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      assert.doesNotMatch(fonts, /Type 3/, fonts);
      assert.match(fonts, /CID TrueType/);
    },
  );

  test('a sheet with ~900 distinct characters never embeds a whole font, and its text still copies out', async () => {
    // The 2023 work plan: past the point where Chromium stops subsetting TrueType CJK fonts.
    const pdf = await print('2023年工作方案任务', {
      columns: [
        { key: 'seq', widthMm: null },
        { key: 'item', widthMm: null },
        { key: 'content', widthMm: null },
        { key: 'lead', widthMm: null },
      ],
    });
    assert.equal(wholeFontEmbedded(pdf.bytes), false);
    assert.ok(pdf.bytes.byteLength < 3 * 1024 * 1024, `${pdf.bytes.byteLength} bytes`);
    const file = savePdf('workplan', pdf, dir);
    assertNothingCutOff(pdf);
    assert.equal(pdfInfo(file).pages, pdf.layout.pages.length);
    const content = squash(
      columnTexts(file, pdf.layout)
        .map((page) => page[2])
        .join(''),
    );
    const first = store.listRows(sheetId('2023年工作方案任务'), 0, 1).rows[0]!.cells.content!.text;
    assert.ok(content.includes(squash(first).slice(0, 40)), 'the text extracts as Chinese');
  });

  test('API: the setup is saved with the sheet and used by preview; bad setups are refused and not saved', async () => {
    const id = sheetId('孤独症任务分解表');
    const initial = await dispatch(context, 'print.options.get', { sheetId: id });
    assert.ok(initial.ok);
    const got = initial.result as { saved: boolean; columns: { key: string; groupable: boolean; values: string[] }[] };
    assert.equal(got.saved, false);
    const lead = got.columns.find((column) => column.key === 'lead')!;
    assert.ok(lead.groupable && lead.values.includes('市教育局'));

    const options = {
      ...defaultPrintOptions(),
      groupBy: 'lead',
      titleSource: 'custom' as const,
      customTitle: '按牵头单位分列',
    };
    const saved = await dispatch(context, 'print.options.save', { sheetId: id, options });
    assert.ok(saved.ok);
    const again = await dispatch(context, 'print.options.get', { sheetId: id });
    assert.ok(
      again.ok && (again.result as { saved: boolean; options: { groupBy: string } }).options.groupBy === 'lead',
    );

    const preview = await dispatch(context, 'print.preview', { sheetId: id });
    assert.ok(preview.ok, JSON.stringify(preview));
    const result = preview.result as { html: string; pages: number; rows: number };
    assert.ok(result.html.includes('按牵头单位分列'), 'the saved setup is used when none is given');
    assert.ok(result.html.includes('牵头单位：市教育局'));
    assert.equal(result.rows, 33);

    const bad = await dispatch(context, 'print.options.save', {
      sheetId: id,
      options: { ...options, groupBy: 'nope' },
    });
    assert.equal(!bad.ok && bad.error.code, 'invalid_value');
    assert.equal(!bad.ok && bad.error.where?.column, 'nope');
    const unchanged = await dispatch(context, 'print.options.get', { sheetId: id });
    assert.ok(unchanged.ok && (unchanged.result as { options: { groupBy: string } }).options.groupBy === 'lead');

    // A setup saved before a column was deleted still prints, without that column.
    store.setSetting(`sheet:${id}`, 'print', {
      ...options,
      groupBy: 'gone',
      columns: [
        { key: 'gone', widthMm: null },
        { key: 'item', widthMm: 30 },
      ],
    });
    const stale = await dispatch(context, 'print.options.get', { sheetId: id });
    assert.ok(stale.ok);
    const staleOptions = (stale.result as { options: { groupBy: string | null; columns: { key: string }[] } }).options;
    assert.equal(staleOptions.groupBy, null);
    assert.deepEqual(
      staleOptions.columns.map((column) => column.key),
      ['item'],
    );
    assert.ok((await dispatch(context, 'print.preview', { sheetId: id })).ok);

    const system = await dispatch(context, 'print.system', { sheetId: id });
    assert.ok(!system.ok && /桌面版/.test(system.error.messageZh), 'no print dialog outside the desktop app');
    const missing = await dispatch(context, 'print.pdf', { sheetId: 999 });
    assert.equal(!missing.ok && missing.error.code, 'not_found');
  });

  test('the preview shows in a sandboxed srcdoc frame under the renderer’s CSP', async () => {
    const preview = await dispatch(context, 'print.preview', { sheetId: sheetId('微电网试点分解表'), options: {} });
    assert.ok(preview.ok);
    const { html, pages } = preview.result as { html: string; pages: number };
    const server = http.createServer((request, response) => {
      response.setHeader('Content-Security-Policy', `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
      if (request.url === '/preview.js') {
        response.setHeader('Content-Type', 'text/javascript');
        response.end(
          `const frame = document.createElement('iframe'); frame.setAttribute('sandbox', ''); frame.style.width = '1200px';` +
            `frame.style.height = '900px'; frame.srcdoc = ${JSON.stringify(html)}; document.body.append(frame);`,
        );
        return;
      }
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end('<!DOCTYPE html><html><body><script src="/preview.js"></script></body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({
      executablePath: findBrowser(browserCandidates()),
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const frame = page.frameLocator('iframe');
      await frame.locator('section.page').first().waitFor();
      assert.equal(await frame.locator('section.page').count(), pages);
      assert.match(await frame.locator('section.page').first().innerText(), /第 1 页 共 \d+ 页/);
      fs.mkdirSync(PNG_DIR, { recursive: true });
      await page.screenshot({ path: path.join(PNG_DIR, 'preview-frame.png') });
    } finally {
      await browser.close();
      server.close();
    }
  });
});

function hasTrueTypeCjk(): boolean {
  try {
    const families = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
    return /AR PL UMing/.test(families) && /WenQuanYi Zen Hei/.test(families);
  } catch {
    return false;
  }
}
