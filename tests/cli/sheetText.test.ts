import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csvRecord, textTable } from '../../electron/cli/sheetText';
import { displayWidth } from '../../electron/core/export/layout';

describe('a sheet as text for the command line', () => {
  test('CSV fields are quoted only when they must be (RFC 4180), quotes doubled', () => {
    assert.equal(
      csvRecord(['a', '1,000.00', '说"明"', '两\n行', 'CR\rhere', '']),
      'a,"1,000.00","说""明""","两\n行","CR\rhere",',
    );
  });

  test('table columns line up in terminal cells, CJK counting two; long and multi-line text stays on one line', () => {
    const lines = textTable(
      ['序号', '项目名称'],
      [
        ['1', '深化工业园区'],
        ['12', `第一行\n第二行${'长'.repeat(40)}`],
      ],
    );
    assert.equal(lines.length, 4);
    const column = (line: string) => displayWidth(line.slice(0, line.indexOf(line.trim().split(/\s{2,}/)[1]!)));
    assert.equal(column(lines[0]!), column(lines[2]!), 'the second column starts at the same place');
    assert.ok(!lines[3]!.includes('\n'));
    assert.ok(lines[3]!.endsWith('…'));
    assert.ok(displayWidth(lines[3]!) <= 4 + 2 + 40);
  });
});
