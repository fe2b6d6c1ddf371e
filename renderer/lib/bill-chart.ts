// The monthly chart's ECharts option (B2, B3), pure so it is tested without a DOM: one panel (grid) per currency —
// amounts of different currencies never share an axis — with net payable above zero and the refund and deposit
// deductions below it, stacked per month. The data is in major units for the axes; the tooltip writes the exact
// minor-unit amounts with formatMoney (O3).
import type { EChartsCoreOption } from 'echarts/core';
import { formatMoney } from '../../common/domain/money';
import type { Translate } from '../i18n/translate';
import { periodLabel, type ChartData } from './bill-view';

export const PANEL_HEIGHT = 100;
const PANEL_GAP = 42;
const TOP = 44;
const BOTTOM = 28;

export const CHART_COLORS = { net: '#2563eb', refunds: '#f59e0b', deposit: '#dc2626' } as const;
export type ChartPart = keyof typeof CHART_COLORS;
const PARTS: readonly ChartPart[] = ['net', 'refunds', 'deposit'];

/** The chart's text and line colours; MonthlyChart reads them from the theme's CSS custom properties (--chart-*). */
export interface ChartPalette {
  title: string;
  axis: string;
  axisLine: string;
  split: string;
  /** The tooltip's background, border and text. */
  surface: string;
  border: string;
  text: string;
}
export const LIGHT_CHART_PALETTE: ChartPalette = {
  title: '#3d4756',
  axis: '#6b7584',
  axisLine: '#cfd6df',
  split: '#eef1f4',
  surface: '#ffffff',
  border: '#e2e6ec',
  text: '#1b2330',
};

/**
 * The palette from the page's current theme (styles.css :root / [data-theme='dark']); light where a token is missing.
 */
export function chartPaletteFrom(style: Pick<CSSStyleDeclaration, 'getPropertyValue'>): ChartPalette {
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const l = LIGHT_CHART_PALETTE;
  return {
    title: read('--chart-title', l.title),
    axis: read('--chart-axis', l.axis),
    axisLine: read('--chart-axis-line', l.axisLine),
    split: read('--chart-split', l.split),
    surface: read('--surface', l.surface),
    border: read('--border', l.border),
    text: read('--text', l.text),
  };
}

/** The chart's height for `panels` currencies (at least one panel, for the empty state). */
export function chartHeight(panels: number): number {
  const n = Math.max(1, panels);
  return TOP + n * PANEL_HEIGHT + (n - 1) * PANEL_GAP + BOTTOM;
}

/** "12.3k" / "1.2M": short axis labels (the tooltip has the exact amounts). */
export function compactAxis(major: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(major);
}

/** A series' id: `<currency>:<part>` (what a click on a bar names). */
export const seriesId = (currency: string, part: ChartPart): string => `${currency}:${part}`;

export function parseSeriesId(id: string): { currency: string; part: ChartPart } | null {
  const [currency, part] = id.split(':');
  return currency && PARTS.includes(part as ChartPart) ? { currency, part: part as ChartPart } : null;
}

/** The tooltip of one month of one currency: each part with its exact amount. */
export function tooltipHtml(
  data: ChartData,
  seriesIndex: number,
  dataIndex: number,
  t: Translate,
  locale: string,
): string {
  const s = data.series[seriesIndex];
  if (!s) return '';
  const rows = PARTS.map((part) => {
    const minor = s[part][dataIndex] ?? 0;
    const label = t(`bills.chart.${part}`);
    return `<div><span style="display:inline-block;width:8px;height:8px;border-radius:2px;margin-right:6px;background:${CHART_COLORS[part]}"></span>${label}: <b>${formatMoney(minor, s.currency, locale)}</b></div>`;
  });
  return `<div><b>${periodLabel(data.periods[dataIndex] ?? '')}</b> · ${s.currency}</div>${rows.join('')}`;
}

export function monthlyChartOption(
  data: ChartData,
  t: Translate,
  locale: string,
  palette: ChartPalette = LIGHT_CHART_PALETTE,
): EChartsCoreOption {
  const categories = data.periods.map(periodLabel);
  const panels = data.series.map((s, i) => ({ s, i, top: TOP + i * (PANEL_HEIGHT + PANEL_GAP) }));
  return {
    animation: false,
    legend: {
      top: 0,
      left: 'center',
      itemWidth: 12,
      itemHeight: 10,
      itemGap: 18,
      textStyle: { color: palette.title },
      data: PARTS.map((p) => t(`bills.chart.${p}`)),
    },
    title: panels.map(({ s, top }) => ({
      text: s.currency,
      left: 8,
      top: top - 22,
      textStyle: { fontSize: 12, fontWeight: 600, color: palette.title },
    })),
    grid: panels.map(({ top }) => ({ left: 64, right: 16, top, height: PANEL_HEIGHT })),
    xAxis: panels.map(({ i }) => ({
      type: 'category',
      gridIndex: i,
      data: categories,
      axisTick: { alignWithLabel: true },
      axisLabel: { fontSize: 10, color: palette.axis, hideOverlap: true },
      axisLine: { onZero: true, lineStyle: { color: palette.axisLine } },
    })),
    yAxis: panels.map(({ i }) => ({
      type: 'value',
      gridIndex: i,
      splitNumber: 3,
      axisLabel: { fontSize: 10, color: palette.axis, formatter: (v: number) => compactAxis(v, locale) },
      splitLine: { lineStyle: { color: palette.split } },
    })),
    tooltip: {
      trigger: 'item',
      confine: true,
      backgroundColor: palette.surface,
      borderColor: palette.border,
      textStyle: { color: palette.text },
      formatter: (p: { seriesId?: string; dataIndex: number }) => {
        const id = parseSeriesId(p.seriesId ?? '');
        const index = id ? data.series.findIndex((s) => s.currency === id.currency) : -1;
        return index < 0 ? '' : tooltipHtml(data, index, p.dataIndex, t, locale);
      },
    },
    series: panels.flatMap(({ s, i }) =>
      PARTS.map((part) => ({
        id: seriesId(s.currency, part),
        name: t(`bills.chart.${part}`),
        type: 'bar',
        // Net payable (≥ 0) and the deductions (≤ 0) of one month share a bar: above and below zero.
        stack: s.currency,
        xAxisIndex: i,
        yAxisIndex: i,
        barMaxWidth: 18,
        itemStyle: { color: CHART_COLORS[part] },
        emphasis: { focus: 'none' },
        data: s[part].map((minor) => minor / 100),
      })),
    ),
  };
}
