/**
 * The body text of a Word 97–2003 document as word-extractor gives it: paragraphs end with a line
 * break; in a table each cell ends with a tab and each row with a line break after its last
 * cell's tab, while a line break with no tab after it inside a row is a paragraph break within a
 * cell. So a line holding a tab belongs to a table row, which ends at the line that ends with a
 * tab; consecutive rows are one table.
 */

export type WordBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[][] };

export function wordTextBlocks(body: string): WordBlock[] {
  const blocks: WordBlock[] = [];
  let table: string[][] | null = null;
  let row: string[] | null = null;
  const endTable = (): void => {
    if (table && table.length > 0) blocks.push({ kind: 'table', rows: table });
    table = null;
  };
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/[\u0007\f\v]/g, '');
    if (row !== null || line.includes('\t')) {
      row ??= [];
      row.push(line);
      if (line.endsWith('\t')) {
        const cells = row.join('\n').split('\t');
        cells.pop();
        table ??= [];
        table.push(cells.map((cell) => cell.trim()));
        row = null;
      }
      continue;
    }
    endTable();
    const text = line.trim();
    if (text !== '') blocks.push({ kind: 'paragraph', text });
  }
  if (row !== null) {
    // A row never closed: its lines are paragraphs after all.
    for (const line of row as string[]) if (line.trim() !== '') blocks.push({ kind: 'paragraph', text: line.trim() });
  }
  endTable();
  return blocks;
}
