import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import { saveSvgAsPng } from './savePng';

/**
 * Charts drawn by hand in SVG (no chart library): horizontal bars, columns with an optional
 * cumulative line and target, and a stacked status bar. Title and the rule behind the numbers
 * are part of the drawing, so a saved PNG carries them.
 */

export interface Bar {
  label: string;
  value: number;
  /** The figure printed at the bar (exact, formatted by the caller). */
  display: string;
  hint?: string;
}

const WIDTH = 640;
const RED = '#9f1d20';
const GRID = '#e5e7eb';
const INK = '#1f2937';
const MUTED = '#6b7280';

/** Width of text in px at `size`, counting CJK as one em and other characters as about half. */
function textWidth(text: string, size: number): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\ufaff\uff00-\uffef]/.test(ch) ? size : size * 0.56;
  return width;
}

/** Lines of at most `width` px. */
function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (textWidth(line + ch, size) > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

function clip(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(out + ch + '…', size) > width) break;
    out += ch;
  }
  return out + '…';
}

function Title({ title, subtitle }: { title: string; subtitle?: string }) {
  return (
    <>
      <text x={12} y={22} fontSize={15} fontWeight={700} fill={INK}>
        {title}
      </text>
      {subtitle && (
        <text x={12} y={40} fontSize={11} fill={MUTED}>
          {subtitle}
        </text>
      )}
    </>
  );
}

function Note({ note, y }: { note: string[]; y: number }) {
  return (
    <>
      {note.map((line, index) => (
        <text key={index} x={12} y={y + index * 15} fontSize={11} fill={MUTED}>
          {line}
        </text>
      ))}
    </>
  );
}

const HEAD = 52;

/** The smallest 1, 2, 4, 6 or 8 × 10^k at or above `value`, so its quarters (the axis ticks) are round numbers. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 4, 6, 8, 10].find((step) => step * power >= value) ?? 10) * power;
}

/** Horizontal bars, one per label, longest first as given. */
export function BarChart({
  title,
  subtitle,
  bars,
  note,
  color = RED,
}: {
  title: string;
  subtitle?: string;
  bars: readonly Bar[];
  note?: string;
  color?: string;
}) {
  const rowHeight = 26;
  const labelWidth = Math.min(210, Math.max(60, ...bars.map((bar) => textWidth(bar.label, 12))) + 8);
  const valueWidth = Math.max(60, ...bars.map((bar) => textWidth(bar.display, 11))) + 8;
  const plot = WIDTH - 24 - labelWidth - valueWidth;
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  const noteLines = note ? wrap(note, WIDTH - 24, 11) : [];
  const height = HEAD + bars.length * rowHeight + 10 + noteLines.length * 15 + 8;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title} className="chart">
      <Title title={title} {...(subtitle ? { subtitle } : {})} />
      {bars.map((bar, index) => {
        const y = HEAD + index * rowHeight;
        const length = max > 0 ? Math.max(bar.value > 0 ? 1 : 0, (bar.value / max) * plot) : 0;
        return (
          <g key={bar.label} transform={`translate(0, ${y})`}>
            {bar.hint && <title>{bar.hint}</title>}
            <text x={12 + labelWidth - 8} y={16} fontSize={12} textAnchor="end" fill={INK}>
              {clip(bar.label, labelWidth - 8, 12)}
            </text>
            <rect x={12 + labelWidth} y={4} width={length} height={rowHeight - 8} fill={color} rx={2} />
            <text x={12 + labelWidth + length + 6} y={16} fontSize={11} fill={INK}>
              {bar.display}
            </text>
          </g>
        );
      })}
      <Note note={noteLines} y={HEAD + bars.length * rowHeight + 20} />
    </svg>
  );
}

/** Columns (years, periods), with an optional cumulative line and a target line. */
export function ColumnChart({
  title,
  subtitle,
  bars,
  cumulative,
  target,
  note,
}: {
  title: string;
  subtitle?: string;
  bars: readonly Bar[];
  cumulative?: readonly number[];
  target?: { value: number; label: string };
  note?: string;
}) {
  const plotTop = HEAD + 10;
  const plotHeight = 180;
  const left = 56;
  const plotWidth = WIDTH - left - 16;
  const max = niceCeiling(Math.max(0, ...bars.map((bar) => bar.value), ...(cumulative ?? []), target?.value ?? 0));
  const step = plotWidth / Math.max(1, bars.length);
  const barWidth = Math.min(48, step * 0.6);
  const y = (value: number) => plotTop + plotHeight - (value / max) * plotHeight;
  const noteLines = note ? wrap(note, WIDTH - 24, 11) : [];
  const height = plotTop + plotHeight + 34 + noteLines.length * 15 + 8;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => share * max);
  const tickText = (value: number) => String(Math.round(value * 100) / 100);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title} className="chart">
      <Title title={title} {...(subtitle ? { subtitle } : {})} />
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={left} x2={WIDTH - 16} y1={y(tick)} y2={y(tick)} stroke={GRID} />
          <text x={left - 6} y={y(tick) + 4} fontSize={10} textAnchor="end" fill={MUTED}>
            {tickText(tick)}
          </text>
        </g>
      ))}
      {bars.map((bar, index) => {
        const x = left + step * index + (step - barWidth) / 2;
        return (
          <g key={bar.label}>
            {bar.hint && <title>{bar.hint}</title>}
            <rect
              x={x}
              y={y(bar.value)}
              width={barWidth}
              height={plotTop + plotHeight - y(bar.value)}
              fill={RED}
              rx={2}
            />
            <text x={x + barWidth / 2} y={y(bar.value) - 4} fontSize={10} textAnchor="middle" fill={INK}>
              {bar.display}
            </text>
            <text x={x + barWidth / 2} y={plotTop + plotHeight + 16} fontSize={11} textAnchor="middle" fill={INK}>
              {bar.label}
            </text>
          </g>
        );
      })}
      {cumulative && cumulative.length > 0 && (
        <>
          <polyline
            fill="none"
            stroke="#1d4ed8"
            strokeWidth={2}
            points={cumulative.map((value, index) => `${left + step * index + step / 2},${y(value)}`).join(' ')}
          />
          {cumulative.map((value, index) => (
            <circle key={index} cx={left + step * index + step / 2} cy={y(value)} r={3.5} fill="#1d4ed8" />
          ))}
        </>
      )}
      {target && (
        <>
          <line
            x1={left}
            x2={WIDTH - 16}
            y1={y(target.value)}
            y2={y(target.value)}
            stroke="#15803d"
            strokeDasharray="6 4"
            strokeWidth={1.5}
          />
          <text x={WIDTH - 18} y={y(target.value) - 5} fontSize={11} textAnchor="end" fill="#15803d">
            {target.label}
          </text>
        </>
      )}
      <Note note={noteLines} y={plotTop + plotHeight + 40} />
    </svg>
  );
}

export interface Segment {
  label: string;
  value: number;
  color: string;
}

/** One bar split into parts (e.g. 达标 / 不达标 / 不涉及 / 无法判断), with a legend. */
export function StackedBar({
  title,
  subtitle,
  segments,
  note,
}: {
  title: string;
  subtitle?: string;
  segments: readonly Segment[];
  note?: string;
}) {
  const total = segments.reduce((sum, segment) => sum + segment.value, 0);
  const barTop = HEAD + 6;
  const barWidth = WIDTH - 24;
  const noteLines = note ? wrap(note, WIDTH - 24, 11) : [];
  const height = barTop + 28 + 34 + noteLines.length * 15 + 8;
  let x = 12;
  let legendX = 12;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title} className="chart">
      <Title title={title} {...(subtitle ? { subtitle } : {})} />
      {segments.map((segment) => {
        const width = total > 0 ? (segment.value / total) * barWidth : 0;
        const part = (
          <g key={segment.label}>
            <title>{`${segment.label} ${segment.value}`}</title>
            <rect x={x} y={barTop} width={width} height={28} fill={segment.color} />
            {width > 24 && (
              <text x={x + width / 2} y={barTop + 18} fontSize={12} textAnchor="middle" fill="#fff" fontWeight={600}>
                {segment.value}
              </text>
            )}
          </g>
        );
        x += width;
        return part;
      })}
      {segments.map((segment) => {
        const label = `${segment.label} ${segment.value}`;
        const item = (
          <g key={`legend-${segment.label}`} transform={`translate(${legendX}, ${barTop + 44})`}>
            <rect width={10} height={10} y={-9} fill={segment.color} />
            <text x={14} fontSize={12} fill={INK}>
              {label}
            </text>
          </g>
        );
        legendX += 14 + textWidth(label, 12) + 18;
        return item;
      })}
      <Note note={noteLines} y={barTop + 66} />
    </svg>
  );
}

/** A chart with its "save as image" button. */
export function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  const host = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const save = () => {
    const svg = host.current?.querySelector('svg');
    if (!svg) return;
    saveSvgAsPng(svg, `${title}.png`).then(
      () => setProblem(null),
      (error: unknown) => setProblem(String(error instanceof Error ? error.message : error)),
    );
  };
  return (
    <figure className="chart-card" aria-label={title}>
      <div ref={host}>{children}</div>
      <figcaption>
        <button onClick={save}>保存为图片</button>
        {problem && <span className="chart-problem">{problem}</span>}
      </figcaption>
    </figure>
  );
}
