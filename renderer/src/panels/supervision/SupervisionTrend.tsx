import { Fragment } from 'react';
import type { SupervisionTrend as TrendData, TrendPoint } from '../../../../shared/contract/calls/supervision';
import {
  SUPERVISION_STATUS_COLOURS,
  SUPERVISION_STATUS_LABELS,
  SUPERVISION_STATUSES,
} from '../../../../shared/rules/supervision/status';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { ChartCard, ColumnChart } from '../checks/charts';
import { useLoad } from '../checks/useLoad';

/**
 * 督查 on the dashboard: for each sheet with reporting rounds, its tasks' statuses by lead
 * department in each round and now (a grid of small stacked bars, in the colours of the 状态
 * column), and for projects the investment completed as each round reported it.
 */

const COLOURS = SUPERVISION_STATUS_COLOURS;
const WIDTH = 640;
const LABEL = 128;
const ROW = 22;
const HEAD = 44;
/** The departments with most tasks; the rest are summed under 其他. */
const MOST_DEPARTMENTS = 12;

const total = (counts: Readonly<Record<string, number>>) =>
  SUPERVISION_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);

function departmentRows(points: readonly TrendPoint[]): { name: string; counts: Record<string, number>[] }[] {
  const last = points[points.length - 1]!;
  const names = last.byDepartment.map((entry) => entry.department);
  const shown = names.slice(0, MOST_DEPARTMENTS);
  const rows = shown.map((name) => ({
    name,
    counts: points.map((point) => point.byDepartment.find((entry) => entry.department === name)?.counts ?? {}),
  }));
  if (names.length > shown.length) {
    rows.push({
      name: `其他 ${names.length - shown.length} 个单位`,
      counts: points.map((point) => {
        const sum: Record<string, number> = {};
        for (const entry of point.byDepartment.filter((candidate) => !shown.includes(candidate.department))) {
          for (const status of SUPERVISION_STATUSES) sum[status] = (sum[status] ?? 0) + entry.counts[status]!;
        }
        return sum;
      }),
    });
  }
  return [{ name: '全部', counts: points.map((point) => point.counts) }, ...rows];
}

function StatusGrid({ sheetName, points }: { sheetName: string; points: readonly TrendPoint[] }) {
  const rows = departmentRows(points);
  const column = (WIDTH - LABEL - 8) / points.length;
  const most = Math.max(1, ...rows.slice(1).flatMap((row) => row.counts.map(total)));
  const height = HEAD + rows.length * ROW + 30;
  return (
    <svg
      width={WIDTH}
      height={height}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`${sheetName}督查状态`}
    >
      <rect width={WIDTH} height={height} fill="#fff" />
      <text x={8} y={18} fontSize={15} fontWeight={600} fill="#1f2937">
        {sheetName} · 各单位督查状态（按报送轮次）
      </text>
      {points.map((point, index) => (
        <text key={point.label} x={LABEL + index * column + 2} y={HEAD - 8} fontSize={11} fill="#6b7280">
          {point.label}
        </text>
      ))}
      {rows.map((row, rowIndex) => {
        const y = HEAD + rowIndex * ROW;
        const scale = rowIndex === 0 ? Math.max(1, ...row.counts.map(total)) : most;
        return (
          <g key={row.name}>
            <text
              x={LABEL - 6}
              y={y + 15}
              fontSize={11}
              textAnchor="end"
              fill="#1f2937"
              fontWeight={rowIndex === 0 ? 600 : 400}
            >
              {row.name}
            </text>
            {row.counts.map((counts, index) => {
              let x = LABEL + index * column + 2;
              const width = column - 30;
              return (
                <g key={index}>
                  <title>{`${row.name} · ${points[index]!.label}：${SUPERVISION_STATUSES.filter(
                    (s) => (counts[s] ?? 0) > 0,
                  )
                    .map((s) => `${SUPERVISION_STATUS_LABELS[s]} ${counts[s]}`)
                    .join('，')}`}</title>
                  {SUPERVISION_STATUSES.filter((status) => (counts[status] ?? 0) > 0).map((status) => {
                    const w = ((counts[status] ?? 0) / scale) * width;
                    const rect = (
                      <rect key={status} x={x} y={y + 4} width={w} height={ROW - 8} fill={COLOURS[status]} />
                    );
                    x += w;
                    return rect;
                  })}
                  <text x={x + 3} y={y + 15} fontSize={10} fill="#6b7280">
                    {total(counts) > 0 ? total(counts) : ''}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      {SUPERVISION_STATUSES.map((status, index) => (
        <g key={status} transform={`translate(${8 + index * 88}, ${height - 14})`}>
          <rect y={-9} width={10} height={10} fill={COLOURS[status]} />
          <text x={14} fontSize={11} fill="#1f2937">
            {SUPERVISION_STATUS_LABELS[status]}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function SupervisionTrend({ refreshKey = 0 }: { refreshKey?: number }) {
  const { data, error } = useLoad<TrendData>(() => api['supervision.trend']({}), [refreshKey]);
  return (
    <>
      <ErrorBanner error={error} />
      {data?.sheets.map((sheet) => {
        const invested = sheet.points.filter((point) => point.investment !== null);
        return (
          <Fragment key={sheet.sheetId}>
            <ChartCard title={`${sheet.sheetName}·督查状态`}>
              <StatusGrid sheetName={sheet.sheetName} points={sheet.points} />
            </ChartCard>
            {invested.length > 0 && (
              <ChartCard title={`${sheet.sheetName}·投资完成`}>
                <ColumnChart
                  title={`${sheet.sheetName} · 投资完成率（完成投资 / 投资匡算）`}
                  bars={invested.map((point) => ({
                    label: point.label,
                    value: Number(point.investment!.percent ?? 0),
                    display: `${point.investment!.percent ?? '—'}%`,
                    hint: `${point.label}：完成投资 ${point.investment!.done} / 投资匡算 ${point.investment!.budget} ${point.investment!.unit}`,
                  }))}
                  note="各轮按报送的完成投资合计，与有投资匡算的项目合计相比；“当前”为规划中现有数据。"
                />
              </ChartCard>
            )}
          </Fragment>
        );
      })}
    </>
  );
}
