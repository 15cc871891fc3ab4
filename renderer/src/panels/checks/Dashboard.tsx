import type { Dashboard as DashboardData } from '../../../../shared/contract/calls/checks';
import { CHECK_STATUS_LABELS } from '../../../../shared/contract/calls/checks';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import type { Bar } from './charts';
import { BarChart, ChartCard, ColumnChart, StackedBar } from './charts';
import { chartNumber, isMoneyUnit, money } from './format';
import { useLoad } from './useLoad';
import { SupervisionTrend } from '../supervision/SupervisionTrend';
import './checks.css';

/**
 * The dashboard: where the money goes (by category, by year, by unit), how the indicators stand
 * and how far the allocation matrices are along, as charts that can each be saved as a PNG.
 * Amounts are shown in 亿元, converted exactly from the column's unit.
 */

export interface DashboardProps {
  /** Changes after every edit, so the charts follow the plan. */
  refreshKey?: number;
}

const YI = '亿元';

function InvestmentCharts({ entry }: { entry: DashboardData['investment'][number] }) {
  const unit = isMoneyUnit(entry.unit) ? entry.unit : '万元';
  const bar = ({ label, sum, count, known }: { label: string; sum: string; count: number; known: number }): Bar => ({
    label,
    value: chartNumber(sum, unit, YI),
    display:
      known === 0
        ? `金额未知（${count}项）`
        : `${money(sum, unit, YI)} 亿（${count}项${known < count ? `，${count - known}项金额未知` : ''}）`,
    hint: `${label}：${money(sum, unit, unit)} ${unit}，${count} 项，其中 ${known} 项有金额`,
  });
  const subtitle = `合计 ${money(entry.total, unit, YI)} 亿元；${entry.known + entry.unknown} 项中 ${entry.known} 项有金额，${entry.unknown} 项未知（不计为 0）`;
  const undated =
    entry.undated.count > 0
      ? ` 未注明年份的 ${entry.undated.count} 项共 ${money(entry.undated.sum, unit, YI)} 亿元，未计入。`
      : '';
  return (
    <>
      {entry.byCategory.length > 0 && (
        <ChartCard title={`${entry.sheetName}·按大类的投资`}>
          <BarChart
            title={`${entry.sheetName} · 按大类的${entry.columnName}（亿元）`}
            subtitle={subtitle}
            bars={entry.byCategory.map(bar)}
          />
        </ChartCard>
      )}
      {entry.byYear.length > 0 && (
        <ChartCard title={`${entry.sheetName}·按年度的投资`}>
          <ColumnChart
            title={`${entry.sheetName} · 按年度的${entry.columnName}（亿元）`}
            subtitle={subtitle}
            bars={entry.byYear.map((year) => ({
              label: String(year.year),
              value: chartNumber(year.sum, unit, YI),
              display: money(year.sum, unit, YI, 1),
              hint: `${year.year}年：${money(year.sum, unit, unit)} ${unit}`,
            }))}
            note={`${entry.byYearRuleZh}${undated}`}
          />
        </ChartCard>
      )}
      {entry.byDepartment.length > 0 && (
        <ChartCard title={`${entry.sheetName}·按责任单位的投资`}>
          <BarChart
            title={`${entry.sheetName} · 按责任单位的${entry.columnName}（亿元）`}
            subtitle={subtitle}
            bars={entry.byDepartment.map(bar)}
            note={entry.byDepartmentRuleZh}
            color="#b45309"
          />
        </ChartCard>
      )}
    </>
  );
}

export function Dashboard({ refreshKey = 0 }: DashboardProps) {
  const { data, error, loading } = useLoad(() => api['dashboard.get']({}), [refreshKey]);
  return (
    <section className="dashboard" aria-label="看板" aria-busy={loading}>
      <header className="dashboard-header">
        <h2>看板</h2>
        {data && (
          <div className="dashboard-checks">
            {(['fail', 'warn', 'notEvaluable', 'pass'] as const).map((status) => (
              <span key={status} className={`checks-filter check-${status} on`}>
                {CHECK_STATUS_LABELS[status]} <span className="checks-count">{data.checks[status]}</span>
              </span>
            ))}
          </div>
        )}
        {loading && <span className="checks-loading">更新中…</span>}
      </header>
      <ErrorBanner error={error} />
      {data && (
        <div className="dashboard-grid">
          {data.investment.map((entry) => (
            <InvestmentCharts key={entry.sheetId} entry={entry} />
          ))}
          <SupervisionTrend refreshKey={refreshKey} />
          {data.indicators.map((entry) => (
            <ChartCard key={`indicators-${entry.sheetId}`} title={`${entry.sheetName}·达标情况`}>
              <StackedBar
                title={`${entry.sheetName} · 现状值达标情况（按指标值计算）`}
                subtitle={`${entry.met + entry.notMet + entry.notApplicable + entry.unknown} 项指标（含分项，不含有分项的上级指标）`}
                segments={[
                  { label: '达标', value: entry.met, color: '#15803d' },
                  { label: '不达标', value: entry.notMet, color: '#b91c1c' },
                  { label: '不涉及', value: entry.notApplicable, color: '#9ca3af' },
                  { label: '无法判断', value: entry.unknown, color: '#d97706' },
                ]}
                note={`只在指标值与现状值含义明确时计算，文字表述不作推断。记录的达标情况与计算不一致或填写不规范的：${entry.disagreements} 项（见检查）。`}
              />
            </ChartCard>
          ))}
          {data.allocations.map((entry) => {
            const bars: Bar[] = entry.byPeriod.map((period) => ({
              label: period.name,
              value: chartNumber(period.total),
              display: period.target === null ? period.total : `${period.total}/${period.target}`,
              hint: `${period.name}：${period.total}${period.target === null ? '' : `（目标 ${period.target}）`}，累计 ${period.cumulative}`,
            }));
            return (
              <ChartCard key={`allocation-${entry.sheetId}`} title={`${entry.sheetName}·分年度进度`}>
                <ColumnChart
                  title={`${entry.sheetName} · 分年度安排与累计`}
                  subtitle={`合计 ${entry.total}${entry.target === null ? '' : `，目标 ${entry.target}`}`}
                  bars={bars}
                  cumulative={entry.byPeriod.map((period) => chartNumber(period.cumulative))}
                  {...(entry.target !== null
                    ? { target: { value: chartNumber(entry.target), label: `目标 ${entry.target}` } }
                    : {})}
                  note="柱为各期安排数（有目标时标注“安排/目标”），折线为累计数，虚线为总目标。"
                />
              </ChartCard>
            );
          })}
        </div>
      )}
    </section>
  );
}
