import fs from 'node:fs';
import path from 'node:path';
import type { Round } from '../../../shared/contract/calls/supervision';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { ApiContext } from '../../core/api/context';
import { closePdfRenderer } from '../../core/print/engine';
import type { CliCommand, CliIo } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { openPlanToRead, openPlanToWrite } from '../openPlan';
import { asOfDate } from '../dates';
import { sheetNamed } from '../sheets';
import { valueFlag } from './export';

/**
 * `planbench round open|list|status|sendout PLAN …`: reporting rounds (报送轮次) of a sheet —
 * open one with its due date, list them, send it out, and see who has returned and who is late.
 */

const SUBCOMMANDS = ['open', 'list', 'status', 'sendout'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

/** A round by its name (on --sheet, when given) or its id; the message lists the rounds there are. */
export async function roundNamed(
  context: ApiContext,
  wanted: string,
  sheetName: string | undefined,
  file: string,
): Promise<Round> {
  const sheetId = sheetName === undefined ? undefined : (await sheetNamed(context, sheetName, file)).id;
  const { rounds } = await callApi(context, 'rounds.list', sheetId === undefined ? {} : { sheetId });
  const matches = rounds.filter((round) => round.name === wanted);
  const round = matches.length === 1 ? matches[0] : rounds.find((candidate) => String(candidate.id) === wanted);
  if (matches.length > 1) {
    throw PlanbenchError.of(
      'invalid_value',
      `有多个工作表都有报送轮次“${wanted}”，请用 --sheet 指明工作表`,
      `several sheets have a round "${wanted}"; name the sheet with --sheet`,
    );
  }
  if (!round) {
    throw PlanbenchError.of(
      'not_found',
      `没有报送轮次“${wanted}”（现有：${rounds.map((candidate) => candidate.name).join('、') || '无'}）`,
      `there is no reporting round "${wanted}" (there are: ${rounds.map((candidate) => candidate.name).join(', ') || 'none'})`,
      { file },
    );
  }
  return round;
}

function needed(flags: ReadonlyMap<string, string | true>, flag: string, subcommand: Subcommand): string {
  const value = valueFlag(flags, flag);
  if (value === undefined) throw new UsageError(`round ${subcommand} 需要 ${flag} / round ${subcommand} needs ${flag}`);
  return value;
}

function printRound(io: CliIo, round: Round): void {
  io.stdout(`${round.name}：截至 ${round.asOf}，报送截止 ${round.due}${round.batchId ? '，已下发' : '，未下发'}`);
}

export const roundCommand: CliCommand = {
  name: 'round',
  usage:
    'round open PLAN --sheet NAME --name 2025年第3季度 --due DATE [--as-of DATE]\n' +
    '      round list PLAN [--sheet NAME] | round status PLAN --round R [--sheet NAME] [--today DATE] [--chase 催报.xlsx|催报.pdf]\n' +
    '      round sendout PLAN --round R --out DIR [--sheet NAME] [--contact TEXT]\n' +
    '                               报送轮次：开启、列出、下发、回收情况（谁已报、谁逾期未报、催报清单）\n' +
    '                               / reporting rounds: open, list, send out, who returned and who is late',
  flags: {
    '--sheet': 'value',
    '--name': 'value',
    '--due': 'value',
    '--as-of': 'value',
    '--round': 'value',
    '--today': 'value',
    '--out': 'value',
    '--contact': 'value',
    '--chase': 'value',
  },
  async run({ positionals, flags, json, io }) {
    const [subcommand, ...files] = positionals;
    if (!(SUBCOMMANDS as readonly (string | undefined)[]).includes(subcommand)) {
      throw new UsageError(`round 后须为 ${SUBCOMMANDS.join('、')} 之一 / round takes ${SUBCOMMANDS.join(', ')}`);
    }
    const command = subcommand as Subcommand;
    const [planFile] = planArgument(`round ${command}`, files) as [string];
    const sheetName = valueFlag(flags, '--sheet');
    const writes = command === 'open' || command === 'sendout';
    const session = writes ? await openPlanToWrite(planFile, io) : openPlanToRead(planFile, io);
    try {
      const { context } = session;
      if (command === 'open') {
        if (sheetName === undefined) throw new UsageError('round open 需要 --sheet / round open needs --sheet');
        const name = needed(flags, '--name', command);
        const due = asOfDate(needed(flags, '--due', command), '--due');
        const asOfText = valueFlag(flags, '--as-of');
        const sheet = await sheetNamed(context, sheetName, planFile);
        const round = await callApi(context, 'rounds.open', {
          sheetId: sheet.id,
          name,
          due,
          ...(asOfText === undefined ? {} : { asOf: asOfDate(asOfText) }),
        });
        if (json) io.stdout(JSON.stringify({ ok: true, round }));
        else printRound(io, round);
      } else if (command === 'list') {
        const sheetId = sheetName === undefined ? undefined : (await sheetNamed(context, sheetName, planFile)).id;
        const { rounds } = await callApi(context, 'rounds.list', sheetId === undefined ? {} : { sheetId });
        if (json) io.stdout(JSON.stringify({ rounds }));
        else if (rounds.length === 0) io.stdout('还没有报送轮次 / no reporting rounds yet');
        else for (const round of rounds) printRound(io, round);
      } else if (command === 'sendout') {
        const round = await roundNamed(context, needed(flags, '--round', command), sheetName, planFile);
        const folder = path.resolve(needed(flags, '--out', command));
        if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) {
          throw PlanbenchError.of('io_error', '--out 须为文件夹', '--out must be a folder', { file: folder });
        }
        const contact = valueFlag(flags, '--contact');
        const made = await callApi(context, 'rounds.sendout', {
          roundId: round.id,
          package: 'files',
          saveTo: { path: folder },
          ...(contact === undefined ? {} : { contact }),
        });
        const written = made.files.map((file) => ({
          department: file.department,
          file: file.file!.path!,
          rows: file.rows,
        }));
        if (json) io.stdout(JSON.stringify({ ok: true, round: round.name, batchId: made.batchId, files: written }));
        else {
          io.stdout(`已下发“${round.name}”给 ${written.length} 个单位 / sent to ${written.length} departments:`);
          for (const file of written) io.stdout(`  ${file.department}：${file.rows} 行  ${path.basename(file.file)}`);
        }
      } else {
        const round = await roundNamed(context, needed(flags, '--round', command), sheetName, planFile);
        const todayText = valueFlag(flags, '--today');
        const status = await callApi(context, 'rounds.status', {
          roundId: round.id,
          ...(todayText === undefined ? {} : { today: asOfDate(todayText, '--today') }),
        });
        const chase = valueFlag(flags, '--chase');
        if (chase !== undefined) {
          const format = path.extname(chase).toLowerCase().slice(1);
          if (format !== 'xlsx' && format !== 'pdf') {
            throw new UsageError(`--chase 须为 .xlsx 或 .pdf 文件：${chase} / --chase must name an .xlsx or .pdf file`);
          }
          const made = await callApi(context, 'rounds.chaseList', {
            roundId: round.id,
            format,
            ...(todayText === undefined ? {} : { today: status.today }),
            saveTo: { path: path.resolve(chase) },
          });
          if (!json) {
            const pages = made.pages === undefined ? '' : `，${made.pages} 页`;
            io.stdout(`已写出催报清单 ${chase}（${made.rows} 行${pages}）/ chase list written`);
          }
        }
        if (json) {
          io.stdout(JSON.stringify(status));
          return 0;
        }
        printRound(io, status.round);
        const returned = status.departments.filter((department) => department.returned);
        const late = status.departments.filter((department) => department.late);
        io.stdout(`已报送 ${returned.length} 个单位：${returned.map((d) => d.department).join('、') || '无'}`);
        io.stdout(`逾期未报 ${late.length} 个单位（催报）/ late: ${late.length}`);
        for (const department of late) {
          io.stdout(`  ${department.department}${department.contact ? `（${department.contact}）` : ''}`);
          for (const row of department.overdueRows) io.stdout(`    ${row.seq} ${row.title}（${row.deadlineText}）`);
        }
      }
    } finally {
      session.close();
      // A 催报 page was made through the print engine's Chromium: it must not keep the command running.
      await closePdfRenderer();
    }
    return 0;
  },
};
