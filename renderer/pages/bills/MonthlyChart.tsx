// Net payable per month for the last 24 months (B2), one panel per currency, refund and deposit deductions below zero
// (B3). Apache ECharts with its SVG renderer, only the parts used: no eval, no remote content (the renderer's CSP).
// A click on a month's bar opens that month's bill in that currency.
import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { BillsMonthly } from '../../../common/api/contract-bills';
import { useLanguage, useT } from '../../i18n/use-t';
import { localeOf } from '../../lib/format';
import { monthlyChartData } from '../../lib/bill-view';
import { chartHeight, chartPaletteFrom, monthlyChartOption, parseSeriesId } from '../../lib/bill-chart';
import { useResolvedTheme } from '../../lib/theme';

echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export function MonthlyChart({
  monthly,
  onOpenMonth,
}: {
  monthly: BillsMonthly;
  onOpenMonth(period: string, currency: string): void;
}) {
  const t = useT();
  const lang = useLanguage();
  const theme = useResolvedTheme();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  // Read at click time: the latest handler and months, without re-creating the chart.
  const open = useRef(onOpenMonth);
  const periods = useRef(monthly.periods);
  useEffect(() => {
    open.current = onOpenMonth;
    periods.current = monthly.periods;
  });
  const data = useMemo(() => monthlyChartData(monthly), [monthly]);
  const height = chartHeight(data.series.length);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'svg' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    c.on('click', (p) => {
      const id = parseSeriesId(String((p as { seriesId?: string }).seriesId ?? ''));
      const period = periods.current[p.dataIndex];
      if (id && period) open.current(period, id.currency);
    });
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
    // The instance lives as long as the element; data and language changes go through setOption below.
  }, []);

  useEffect(() => {
    // The theme's colours (styles.css --chart-*), read again when the theme changes.
    const palette = chartPaletteFrom(getComputedStyle(document.documentElement));
    chart.current?.setOption(monthlyChartOption(data, t, localeOf(lang), palette), { notMerge: true });
    chart.current?.resize();
  }, [data, t, lang, theme]);

  return (
    <figure className="bills-chart card" aria-label={t('bills.chart.label')}>
      <figcaption className="card-head">
        <h2>{t('bills.chart.title')}</h2>
        <span className="muted small">{t('bills.chart.zone')}</span>
      </figcaption>
      {!data.hasBills && <p className="muted small chart-empty">{t('bills.chart.empty')}</p>}
      <div
        ref={host}
        className="chart-host"
        style={{ height }}
        data-testid="bills-chart"
        data-currencies={data.series.map((s) => s.currency).join(' ')}
        data-periods={data.periods.length}
      />
    </figure>
  );
}
