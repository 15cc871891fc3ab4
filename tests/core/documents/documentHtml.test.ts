import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { htmlBlocks } from '../../../electron/core/documents/html';
import { wordTextBlocks } from '../../../electron/core/documents/wordText';

/** The HTML mammoth makes of a .docx, and the body text word-extractor gives of a .doc. */

describe('docx HTML', () => {
  test('paragraphs, tables with multi-paragraph cells, entities', () => {
    assert.deepEqual(
      htmlBlocks(
        '<h1>方案</h1><p>甲&amp;乙</p><table><tr><td><p>序号</p></td><td><p>牵头</p><p>单位</p></td></tr></table>',
      ),
      [
        { kind: 'paragraph', text: '方案' },
        { kind: 'paragraph', text: '甲&乙' },
        { kind: 'table', rows: [['序号', '牵头\n单位']] },
      ],
    );
  });

  test("Word's automatic numbering: outer items counted on through the document, inner ones （1）", () => {
    const blocks = htmlBlocks(
      '<p>（一）产业</p><ol><li>推动转型。<ol><li>子项甲。</li><li>子项乙。</li></ol></li><li>遏制两高。</li></ol>' +
        '<p>（二）能源</p><ol><li>发展新能源。</li><li>3．已有编号。</li></ol>',
    );
    assert.deepEqual(
      blocks.map((block) => (block.kind === 'paragraph' ? [block.text, block.autoNumbered ?? false] : null)),
      [
        ['（一）产业', false],
        ['1．推动转型。', true],
        ['（1）子项甲。', true],
        ['（2）子项乙。', true],
        ['2．遏制两高。', true],
        ['（二）能源', false],
        ['3．发展新能源。', true],
        ['3．已有编号。', false],
      ],
    );
  });
});

describe('doc body text', () => {
  test('rows end with a tab and a line break; a line break inside a row is inside a cell', () => {
    assert.deepEqual(wordTextBlocks('标题\n序号\t工作事项\t\n1\t强化\n组织\t\n\n正文'), [
      { kind: 'paragraph', text: '标题' },
      {
        kind: 'table',
        rows: [
          ['序号', '工作事项'],
          ['1', '强化\n组织'],
        ],
      },
      { kind: 'paragraph', text: '正文' },
    ]);
  });
});
