import type { ImportPreview } from '../../../../shared/contract/calls/importing';

/**
 * Where the header is and what each column becomes: the sheet's first rows as they are in the
 * file (title rows and the header marked), the header row and its height to change, and per
 * source column the target column with how sure the guess is.
 */

const HOW_LABELS: Record<ImportPreview['columns'][number]['how'], string> = {
  user: '手动指定',
  saved: '沿用上次',
  exact: '表头相同',
  synonym: '同义表头',
  year: '按年份',
  prefix: '表头相近',
  similar: '表头相似',
  weak: '可能对应',
  position: '按位置',
  new: '新建列',
  none: '未对应',
};

export interface HeaderMappingProps {
  preview: ImportPreview;
  onHeader(row: number, rows: 1 | 2): void;
  onMap(source: number, target: string | null): void;
}

export function HeaderMapping({ preview, onHeader, onMap }: HeaderMappingProps) {
  const [headerRow = 1] = preview.header.rows;
  const height = preview.header.rows.length === 2 ? 2 : 1;
  const skipped = new Map(preview.header.above.map((row) => [row.r, row.why]));
  const columnCount = Math.max(0, ...preview.sourceRows.map((row) => row.cells.length));
  return (
    <section className="import-mapping" aria-label="表头与列对应">
      <div className="import-header-choice">
        <label>
          表头从第
          <select
            value={headerRow}
            onChange={(event) => onHeader(Number(event.target.value), height)}
            aria-label="表头所在行"
          >
            {preview.sourceRows.map((row) => (
              <option key={row.r} value={row.r}>
                {row.r}
              </option>
            ))}
          </select>
          行开始，共
          <select
            value={height}
            onChange={(event) => onHeader(headerRow, Number(event.target.value) === 2 ? 2 : 1)}
            aria-label="表头行数"
          >
            <option value={1}>1</option>
            <option value={2}>2</option>
          </select>
          行
        </label>
        <span className="import-confidence">识别把握 {Math.round(preview.header.confidence * 100)}%</span>
      </div>
      <div className="import-source-scroll">
        <table className="import-source">
          <tbody>
            {preview.sourceRows.slice(0, 12).map((row) => {
              const isHeader = preview.header.rows.includes(row.r);
              const why = skipped.get(row.r);
              return (
                <tr
                  key={row.r}
                  className={isHeader ? 'source-header' : why ? 'source-skipped' : ''}
                  title={why ? `跳过（${why}）` : undefined}
                >
                  <th>{row.r}</th>
                  {Array.from({ length: columnCount }, (_, column) => (
                    <td key={column}>{row.cells[column] ?? ''}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <table className="import-columns">
        <thead>
          <tr>
            <th>列</th>
            <th>文件表头</th>
            <th>导入到</th>
            <th>依据</th>
          </tr>
        </thead>
        <tbody>
          {preview.columns.map((column) => (
            <tr
              key={column.source}
              className={column.target === null ? 'unmapped' : column.confidence < 0.7 ? 'unsure' : ''}
            >
              <td>
                {column.letter}
                {column.hidden ? '（隐藏）' : ''}
              </td>
              <td>
                {column.header || '（无表头）'}
                {column.unit ? ` · 单位 ${column.unit}` : ''}
              </td>
              <td>
                <select
                  value={column.target ?? ''}
                  aria-label={`第 ${column.letter} 列导入到`}
                  onChange={(event) => onMap(column.source, event.target.value === '' ? null : event.target.value)}
                >
                  <option value="">（不导入）</option>
                  {preview.target.columns.map((target) => (
                    <option key={target.key} value={target.key}>
                      {target.name}
                    </option>
                  ))}
                </select>
              </td>
              <td className="import-how">
                {HOW_LABELS[column.how]}
                {column.target !== null && column.how !== 'user' && column.how !== 'new'
                  ? ` ${Math.round(column.confidence * 100)}%`
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
