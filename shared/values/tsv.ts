/**
 * The clipboard's tab-separated text, the way Excel, WPS and LibreOffice write and read it:
 * cells separated by TAB, rows ended by CRLF (the last row too), and a cell that holds a line
 * break, a tab or a leading double quote wrapped in double quotes with inner quotes doubled.
 */

function needsQuotes(cell: string): boolean {
  return /[\t\r\n]/.test(cell) || cell.startsWith('"');
}

export function encodeTsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) => row.map((cell) => (needsQuotes(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join('\t') + '\r\n')
    .join('');
}

/**
 * Rows of cells from clipboard text. Quoted cells may span lines; a quote inside an unquoted
 * cell is kept as written (Excel does the same). A final line break does not make an empty row.
 * Line breaks inside cells come back as "\n".
 */
export function decodeTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let index = 0;
  const length = text.length;
  let cellStart = true;
  while (index <= length) {
    if (index === length) {
      if (!cellStart || row.length > 0) row.push('');
      break;
    }
    if (cellStart && text[index] === '"') {
      // A quoted cell: up to the closing quote that is not doubled.
      let value = '';
      index++;
      while (index < length) {
        const char = text[index]!;
        if (char === '"') {
          if (text[index + 1] === '"') {
            value += '"';
            index += 2;
            continue;
          }
          index++;
          break;
        }
        value += char;
        index++;
      }
      // Excel never writes text between a closing quote and the separator; keep any as written.
      while (index < length && !/[\t\r\n]/.test(text[index]!)) value += text[index++];
      row.push(value.replace(/\r\n?/g, '\n'));
    } else {
      let end = index;
      while (end < length && !/[\t\r\n]/.test(text[end]!)) end++;
      row.push(text.slice(index, end));
      index = end;
    }
    if (index >= length) break;
    const separator = text[index];
    if (separator === '\t') {
      index++;
      cellStart = true;
      if (index === length) row.push('');
      continue;
    }
    // A line break ends the row ("\r\n", "\n" or "\r").
    index += separator === '\r' && text[index + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    cellStart = true;
    if (index === length) break;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
