import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { textLooksLikeTable } from '../../../shared/import/textKind';
import { REPO_ROOT } from '../../helpers';

/**
 * Promise: a .txt dropped on the import dialog goes where it belongs — a table saved as text to
 * the table import, a policy document saved as text to the task breakdown.
 */
test('tab- and comma-separated tables are tables, whatever their content', () => {
  assert.equal(textLooksLikeTable('序号\t项目名称\t投资\n1\t甲\t100\n2\t乙\t200\n'), true);
  assert.equal(
    textLooksLikeTable('序号,项目名称,投资匡算（万元）,责任单位\n1,甲,100,市发改委\n2,乙,200,市住建局\n'),
    true,
  );
  // A quoted field with a comma in it, one line of many: still steady enough.
  const rows = [
    '序号,名称,金额',
    ...Array.from({ length: 12 }, (_, index) => `${index + 1},项目${index + 1},${index}`),
  ];
  rows.push('13,"甲,乙合建",5');
  assert.equal(textLooksLikeTable(rows.join('\r\n')), true);
});

test('a policy document saved as text is prose, though its notes have commas', () => {
  // Every seed document of the repository's shared folder: 实施方案, 工作方案, 规划 as text.
  const seeds = path.join(REPO_ROOT, '..', 'shared', 'seeds');
  const files = fs.readdirSync(seeds).filter((name) => name.endsWith('.txt'));
  assert.ok(files.length >= 3);
  for (const name of files)
    assert.equal(textLooksLikeTable(fs.readFileSync(path.join(seeds, name), 'utf8')), false, name);
  assert.equal(
    textLooksLikeTable(
      '一、总体要求\n（一）开展绿色低碳行动。推进节能降碳。(市发改委牵头,市工信局、生态环境局等配合)\n',
    ),
    false,
  );
  assert.equal(textLooksLikeTable('只有一行'), false);
});
