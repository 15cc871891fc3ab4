import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * LibreOffice headless for the exchange tests: it plays the department that opens a workbook
 * and saves it again, and the independent reader of what we export. soffice is slow to start
 * (seconds on two cores), so each test file converts all its files in ONE run, with a private
 * profile (-env:UserInstallation) so parallel test files never share a locked profile.
 *
 * .ci/run installs Debian's libreoffice-calc. Where it is missing the tests that need it are
 * skipped with a message, except under CI, where a missing soffice is a failure.
 */

export function findSoffice(): string | null {
  for (const candidate of [
    process.env.PLANBENCH_SOFFICE,
    '/usr/bin/soffice',
    '/usr/local/bin/soffice',
    '/usr/bin/libreoffice',
  ]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** Why a LibreOffice test cannot run here (undefined: it can); throws under CI. */
export function sofficeSkip(): string | undefined {
  if (findSoffice()) return undefined;
  if (process.env.CI) throw new Error('LibreOffice (soffice) is required under CI: apt-get install libreoffice-calc');
  return 'LibreOffice is not installed (apt-get install libreoffice-calc)';
}

/**
 * The UTF-8 CSV filter for every sheet: without the 76 (UTF-8) token LibreOffice writes "?" for
 * every Chinese character; -1 exports all sheets as <name>-<sheet>.csv; raw values, not as shown.
 */
export const CSV_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
export const XLSX = 'xlsx:Calc MS Excel 2007 XML';

/** Convert every file in one soffice run into `outDir`; resolves when all outputs exist. */
export async function convertAll(files: readonly string[], filter: string, outDir: string): Promise<void> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('soffice not found');
  fs.mkdirSync(outDir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'planbench-lo-profile-'));
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        soffice,
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--norestore',
          '--convert-to',
          filter,
          '--outdir',
          outDir,
          ...files,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`soffice exited with ${code}: ${output}`));
      });
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The XML of one part of a workbook (e.g. "xl/worksheets/sheet1.xml"), via the importer's zip reader. */
export async function workbookPart(file: string, part: string): Promise<string> {
  const { bufferSource } = await import('../../../electron/core/formats/byteSource');
  const { openZip, findEntry, readEntry } = await import('../../../electron/core/formats/zip');
  const zip = await openZip(bufferSource(path.basename(file), fs.readFileSync(file)));
  const entry = findEntry(zip, part);
  if (!entry) throw new Error(`${file} has no ${part}`);
  return (await readEntry(zip, entry)).toString('utf8');
}

/** Edits a department makes, given by header text and data row (1-based among the rows sent). */
export interface DepartmentEdits {
  /** [data row, header prefix, value]; a row past the data is a blank row for additions. */
  cells?: [number, string, string | number | Date | null][];
  /** Data rows to delete (1-based), as a user deleting whole rows. */
  deleteRows?: number[];
  removeStamp?: boolean;
  /** [data row, header prefix, comment (批注)]: a comment written on that cell, as Excel heads it when given an author. */
  notes?: [number, string, string, string?][];
}

/**
 * Edit a send-out workbook with ExcelJS (which ignores sheet protection, like a department that
 * removed it) and save it under `target`. LibreOffice then re-saves it, playing the department's
 * own spreadsheet program.
 */
export async function editSendOut(source: string, target: string, edits: DepartmentEdits): Promise<void> {
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(source);
  const sheet = book.worksheets[0]!;
  let headerRow = 0;
  sheet.eachRow((row, number) => {
    if (
      !headerRow &&
      (row.values as unknown[]).some((value) => typeof value === 'string' && value.startsWith('行标识'))
    )
      headerRow = number;
  });
  const headers = sheet.getRow(headerRow).values as unknown[];
  const column = (prefix: string): number => {
    const index = headers.findIndex((value) => typeof value === 'string' && value.startsWith(prefix));
    if (index < 0) throw new Error(`no column ${prefix}`);
    return index;
  };
  for (const [row, header, value] of edits.cells ?? [])
    sheet.getRow(headerRow + row).getCell(column(header)).value = value;
  for (const [row, header, text, author] of edits.notes ?? []) {
    sheet.getRow(headerRow + row).getCell(column(header)).note = {
      texts: author ? [{ text: `${author}:`, font: { bold: true } }, { text: `\n${text}` }] : [{ text }],
    };
  }
  for (const row of [...(edits.deleteRows ?? [])].sort((a, b) => b - a)) sheet.spliceRows(headerRow + row, 1);
  if (edits.removeStamp) {
    const stamp = book.worksheets.find((candidate) => candidate.state === 'veryHidden' || candidate.state === 'hidden');
    if (stamp) book.removeWorksheet(stamp.id);
  }
  await book.xlsx.writeFile(target);
}
