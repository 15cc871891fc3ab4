import type { ImportPreview } from '../../../../shared/contract/calls/importing';

/** What the import would do, in numbers: rows, set-aside rows, cell issues, and the 合计 checks. */
export function PreviewSummary({ preview }: { preview: ImportPreview }) {
  const s = preview.summary;
  const facts: [string, number][] = [
    ['合并单元格带入', s.carried],
    ['未知（/、—、不涉及）', s.unknown],
    ['约数', s.approximate],
    ['换算单位/百分数', s.converted],
    ['去除排版标记', s.markupRemoved],
    ['单位名称已识别', s.unitsResolved],
    ['单位名称未识别', s.unitsUnknown],
    ['无法读取（将留空）', s.invalid],
    ['公式无结果', s.formulasWithoutValue],
    ['隐藏行', s.hiddenRows],
    ['隐藏列', s.hiddenColumns],
    ['重复表头', s.repeatedHeaders],
    ['合计/小计行', s.totalRows],
    ['注释行', s.notes],
  ];
  const rows =
    preview.target.kind === 'update'
      ? `更新 ${s.update} 行（${s.cellsChanged} 格），无变化 ${s.unchanged} 行，未匹配 ${s.unmatched} 行`
      : `导入 ${s.rows} 行${s.childRows ? `（其中子项 ${s.childRows} 行）` : ''}`;
  return (
    <section className="import-summary" aria-label="导入摘要">
      <p className="import-rows-line">{rows}</p>
      <ul className="import-facts">
        {facts
          .filter(([, count]) => count > 0)
          .map(([label, count]) => (
            <li key={label}>
              {label} <strong>{count}</strong>
            </li>
          ))}
      </ul>
      {preview.totals.length > 0 && (
        <table className="import-totals">
          <caption>合计核对</caption>
          <thead>
            <tr>
              <th>行</th>
              <th>项目</th>
              <th>文件所列</th>
              <th>导入后计算</th>
              <th>差额</th>
            </tr>
          </thead>
          <tbody>
            {preview.totals.map((check, index) => (
              <tr key={index} className={check.matches ? 'total-ok' : 'total-diff'}>
                <td>{check.r}</td>
                <td>
                  {check.kind === 'rowTotal' ? `${check.label}列` : `${check.label} · ${check.columnName}`}
                  {check.unknown > 0 ? `（${check.unknown} 行未知）` : ''}
                </td>
                <td>{check.stated}</td>
                <td>{check.computed}</td>
                <td>{check.matches ? '一致 ✓' : check.difference}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.notices.length > 0 && (
        <ul className="import-notices">
          {preview.notices.map((notice, index) => (
            <li key={index} title={notice.en}>
              {notice.zh}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
