import type { PrintColumnChoice, PrintColumnFacet, PrintOptions } from '../../../../shared/contract/calls/printing';

/**
 * The print setup form: paper, title lines, columns (which, in what order, how wide), which
 * rows, their order and grouping. Pure form: it reports every change as a whole new setup.
 */

export interface PrintOptionsPanelProps {
  options: PrintOptions;
  columns: readonly PrintColumnFacet[];
  planDocNumber: string;
  onChange(options: PrintOptions): void;
}

const FONT_SIZES: readonly [number, string][] = [
  [9, '小五（9 磅）'],
  [10.5, '五号（10.5 磅）'],
  [12, '小四（12 磅）'],
  [14, '四号（14 磅）'],
];

export function PrintOptionsPanel({ options, columns, planDocNumber, onChange }: PrintOptionsPanelProps) {
  const set = <K extends keyof PrintOptions>(key: K, value: PrintOptions[K]) => onChange({ ...options, [key]: value });
  const groupable = columns.filter((column) => column.groupable);
  const filter = options.filters[0] ?? null;
  const filterColumn = filter ? columns.find((column) => column.key === filter.columnKey) : undefined;
  const sort = options.sort[0] ?? null;

  return (
    <div className="print-options">
      <fieldset>
        <legend>纸张</legend>
        <label>
          纸张
          <select value={options.paper} onChange={(event) => set('paper', event.target.value as PrintOptions['paper'])}>
            <option value="A4">A4</option>
            <option value="A3">A3</option>
          </select>
        </label>
        <label>
          方向
          <select
            value={options.orientation}
            onChange={(event) => set('orientation', event.target.value as PrintOptions['orientation'])}
          >
            <option value="landscape">横向</option>
            <option value="portrait">纵向</option>
          </select>
        </label>
        <label>
          页边距
          <select
            value={options.margins}
            onChange={(event) => set('margins', event.target.value as PrintOptions['margins'])}
          >
            <option value="standard">标准（GB/T 9704）</option>
            <option value="narrow">窄</option>
          </select>
        </label>
        <label>
          正文字号
          <select value={options.fontSizePt} onChange={(event) => set('fontSizePt', Number(event.target.value))}>
            {FONT_SIZES.map(([size, label]) => (
              <option key={size} value={size}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </fieldset>

      <fieldset>
        <legend>标题</legend>
        <label className="inline">
          <input
            type="checkbox"
            checked={options.attachmentNumber !== null}
            onChange={(event) => set('attachmentNumber', event.target.checked ? '1' : null)}
          />
          附件
          <input
            className="short"
            value={options.attachmentNumber ?? ''}
            disabled={options.attachmentNumber === null}
            maxLength={10}
            aria-label="附件编号"
            onChange={(event) => set('attachmentNumber', event.target.value)}
          />
        </label>
        <label>
          标题
          <select
            value={options.titleSource}
            onChange={(event) => set('titleSource', event.target.value as PrintOptions['titleSource'])}
          >
            <option value="sheet">工作表标题</option>
            <option value="plan">规划名称</option>
            <option value="custom">自定义</option>
            <option value="none">不印标题</option>
          </select>
        </label>
        {options.titleSource === 'custom' && (
          <input
            value={options.customTitle}
            maxLength={300}
            aria-label="自定义标题"
            onChange={(event) => set('customTitle', event.target.value)}
          />
        )}
        <label className="inline">
          <input
            type="checkbox"
            checked={options.docNumber !== ''}
            onChange={(event) => set('docNumber', event.target.checked ? planDocNumber || '〔　〕号' : '')}
          />
          文号
          <input
            value={options.docNumber}
            disabled={options.docNumber === ''}
            maxLength={100}
            aria-label="文号"
            onChange={(event) => set('docNumber', event.target.value)}
          />
        </label>
      </fieldset>

      <fieldset>
        <legend>列</legend>
        <ColumnChooser options={options} columns={columns} onChange={(chosen) => set('columns', chosen)} />
      </fieldset>

      <fieldset>
        <legend>行</legend>
        <label>
          只印
          <select
            value={filter?.columnKey ?? ''}
            onChange={(event) =>
              set('filters', event.target.value ? [{ columnKey: event.target.value, values: [] }] : [])
            }
          >
            <option value="">全部行</option>
            {groupable.map((column) => (
              <option key={column.key} value={column.key}>
                {column.name}为…
              </option>
            ))}
          </select>
        </label>
        {filter && filterColumn && (
          <div className="print-values" role="group" aria-label={`${filterColumn.name}的取值`}>
            {filterColumn.values.map((value) => (
              <label key={value} className="inline">
                <input
                  type="checkbox"
                  checked={filter.values.includes(value)}
                  onChange={(event) => {
                    const values = event.target.checked
                      ? [...filter.values, value]
                      : filter.values.filter((candidate) => candidate !== value);
                    set('filters', [{ columnKey: filter.columnKey, values }]);
                  }}
                />
                {value}
              </label>
            ))}
          </div>
        )}
        <label>
          排序
          <select
            value={sort?.columnKey ?? ''}
            onChange={(event) =>
              set(
                'sort',
                event.target.value ? [{ columnKey: event.target.value, direction: sort?.direction ?? 'asc' }] : [],
              )
            }
          >
            <option value="">按表中顺序</option>
            {columns.map((column) => (
              <option key={column.key} value={column.key}>
                {column.name}
              </option>
            ))}
          </select>
          {sort && (
            <select
              value={sort.direction}
              aria-label="排序方向"
              onChange={(event) =>
                set('sort', [{ columnKey: sort.columnKey, direction: event.target.value as 'asc' | 'desc' }])
              }
            >
              <option value="asc">升序</option>
              <option value="desc">降序</option>
            </select>
          )}
        </label>
        <label>
          分组
          <select value={options.groupBy ?? ''} onChange={(event) => set('groupBy', event.target.value || null)}>
            <option value="">不分组</option>
            {groupable.map((column) => (
              <option key={column.key} value={column.key}>
                按{column.name}分节
              </option>
            ))}
          </select>
        </label>
        {options.groupBy !== null && (
          <label className="inline">
            <input
              type="checkbox"
              checked={options.groupPageBreak}
              onChange={(event) => set('groupPageBreak', event.target.checked)}
            />
            每节另起一页（便于分发）
          </label>
        )}
        <label className="inline">
          <input
            type="checkbox"
            checked={options.mergeCategories}
            onChange={(event) => set('mergeCategories', event.target.checked)}
          />
          合并相同的类别单元格
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={options.totalsRow}
            onChange={(event) => set('totalsRow', event.target.checked)}
          />
          合计行
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={options.comments}
            onChange={(event) => set('comments', event.target.checked)}
          />
          批注（表下注）
        </label>
      </fieldset>
    </div>
  );
}

interface ColumnChooserProps {
  options: PrintOptions;
  columns: readonly PrintColumnFacet[];
  onChange(columns: PrintColumnChoice[] | null): void;
}

/** Which columns print, in what order, and their widths (blank: fitted to the page width). */
function ColumnChooser({ options, columns, onChange }: ColumnChooserProps) {
  const chosen: PrintColumnChoice[] =
    options.columns ?? columns.filter((column) => !column.hidden).map((column) => ({ key: column.key, widthMm: null }));
  const unchosen = columns.filter((column) => !chosen.some((choice) => choice.key === column.key));
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const move = (index: number, step: number) => {
    const next = [...chosen];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + step, 0, item);
    onChange(next);
  };
  return (
    <div className="print-columns">
      <ol>
        {chosen.map((choice, index) => (
          <li key={choice.key}>
            <span className="print-column-name">{byKey.get(choice.key)?.name ?? choice.key}</span>
            <input
              className="short"
              type="number"
              min={5}
              max={400}
              placeholder="自动"
              title="列宽（毫米），留空则按页宽自动分配"
              aria-label={`${byKey.get(choice.key)?.name ?? choice.key}列宽（毫米）`}
              value={choice.widthMm ?? ''}
              onChange={(event) => {
                const width = event.target.value === '' ? null : Math.min(400, Math.max(5, Number(event.target.value)));
                onChange(chosen.map((candidate, at) => (at === index ? { ...candidate, widthMm: width } : candidate)));
              }}
            />
            <button type="button" disabled={index === 0} title="上移" onClick={() => move(index, -1)}>
              ↑
            </button>
            <button type="button" disabled={index === chosen.length - 1} title="下移" onClick={() => move(index, 1)}>
              ↓
            </button>
            <button
              type="button"
              disabled={chosen.length === 1}
              title="不打印此列"
              onClick={() => onChange(chosen.filter((_, at) => at !== index))}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      {unchosen.length > 0 && (
        <select
          value=""
          aria-label="添加列"
          onChange={(event) => event.target.value && onChange([...chosen, { key: event.target.value, widthMm: null }])}
        >
          <option value="">＋ 添加列…</option>
          {unchosen.map((column) => (
            <option key={column.key} value={column.key}>
              {column.name}
            </option>
          ))}
        </select>
      )}
      {options.columns !== null && (
        <button type="button" className="link" onClick={() => onChange(null)}>
          恢复为工作表的可见列
        </button>
      )}
    </div>
  );
}
