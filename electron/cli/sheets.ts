import type { ApiContext } from '../core/api/context';
import type { SheetInfo } from '../../shared/contract/contract';
import { PlanbenchError } from '../../shared/contract/errors';
import { callApi } from './command';

/** A sheet by the name the user sees, or its id; the message lists the sheets there are. */
export async function sheetNamed(context: ApiContext, wanted: string, file: string): Promise<SheetInfo> {
  const { sheets } = await callApi(context, 'plan.get', {});
  const sheet =
    sheets.find((candidate) => candidate.name === wanted) ??
    sheets.find((candidate) => String(candidate.id) === wanted);
  if (!sheet) {
    throw PlanbenchError.of(
      'not_found',
      `规划中没有名为“${wanted}”的工作表（现有：${sheets.map((candidate) => candidate.name).join('、')}）`,
      `the plan has no sheet named "${wanted}" (it has: ${sheets.map((candidate) => candidate.name).join(', ')})`,
      { file, sheet: wanted },
    );
  }
  return sheet;
}
