import type { AddDeclaredInput } from '../../../shared/contract/calls/checks';
import type { DeclaredCheck } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import { toText } from '../../../shared/values/exactDecimal';
import type { PlanStore } from '../store/planStore';
import { figure } from './declared';

/**
 * A user's own declared check ("the plan says 生态安全类 is 104.3 亿"): the columns it names must
 * exist, and it gets a label in the plan's words when none is given.
 */

function defaultLabel(input: AddDeclaredInput, columnName: (key: string) => string): string {
  switch (input.kind) {
    case 'rowCount':
      return `共${input.spec.expected}项`;
    case 'categoryCount':
      return `${columnName(input.spec.column)}共${input.spec.expected}类`;
    case 'columnTotal':
      return `${columnName(input.spec.column)}合计${input.spec.approximate ? '约' : ''}${toText(figure(input.spec.expected))}${input.spec.unit ?? ''}`;
    case 'categoryTotal': {
      const parts = [
        input.spec.count !== undefined && input.spec.count !== null ? `${input.spec.count}项` : '',
        input.spec.amount !== undefined && input.spec.amount !== null
          ? `投资${toText(figure(input.spec.amount))}${input.spec.unit ?? ''}`
          : '',
      ].filter(Boolean);
      return `${input.spec.category}${parts.join('，')}`;
    }
    case 'allocationRowTotal':
      return `${input.spec.district}合计${toText(figure(input.spec.expected))}`;
    case 'allocationColumnTotal':
      return `${columnName(input.spec.column)}合计${toText(figure(input.spec.expected))}`;
    case 'allocationGrandTotal':
      return `总计${toText(figure(input.spec.expected))}`;
    case 'rule':
      return input.spec.rule === 'completeBy'
        ? `${input.spec.deadline}前全部完成`
        : `${input.spec.scenes.join('、')}合计比重不低于${toText(figure(input.spec.minShare * 100))}%`;
  }
}

export function addDeclaredCheck(store: PlanStore, input: AddDeclaredInput): DeclaredCheck {
  const sheet = store.getSheet(input.sheetId);
  const columns = new Map(sheet.columns.map((column) => [column.key, column]));
  const named = 'column' in input.spec ? input.spec.column : undefined;
  if (named !== undefined && !columns.has(named)) {
    throw PlanbenchError.of('invalid_value', `工作表中没有列“${named}”`, `the sheet has no column "${named}"`, {
      sheet: sheet.name,
      column: named,
    });
  }
  if (input.kind === 'categoryTotal' && !sheet.columns.some((column) => column.role === 'category')) {
    throw PlanbenchError.of(
      'invalid_value',
      '工作表没有“大类”角色的列，无法按类核对',
      'the sheet has no category column',
      { sheet: sheet.name },
    );
  }
  const label = input.label ?? defaultLabel(input, (key) => columns.get(key)?.name ?? key);
  store.addDeclaredChecks([
    { sheetId: input.sheetId, kind: input.kind, label, spec: input.spec, source: input.source ?? '' },
  ]);
  const added = store.listDeclaredChecks().at(-1);
  if (!added) throw PlanbenchError.of('internal', '保存检查失败', 'the check was not saved');
  return added;
}
