// The scenario as written, marked on the uncertainty view's charts: a line over each
// fan (and the cap's level on the cumulative payments), a mark on the histogram at
// the as-written value, and where that value lies among the runs. The values come
// from the service (exact engine figures); this only places them.

import type { Chart } from './api';
import type { Option } from './chartOptions';
import { formatCompact } from './format';

import { histogramMids, seriesWritten } from './uncertainty';

export { seriesWritten };

/** Colours of the marks: distinct from the fan's blue and the mean's orange. */
const writtenColor = '#7c3aed';
const capColor = '#c0392b';

/** The name of the cap's mark on a fan: the level at which payments stop. */
export const capMark = 'Cap binds at';

/** The invisible series that keeps a cap inside a fan's y axis. */
export const capLevel = 'Cap level';

export interface Written {
  id: string;
  values: number[];
  cap?: number;
}

function clone(option: Option): Option {
  return { ...option, series: Array.isArray(option.series) ? [...option.series] : option.series };
}

/**
 * withWritten adds the as-written line to a fan (chart id "fan.<band>"), and the
 * cap's level as a dashed line the y axis always reaches. A fan with nothing
 * written for it is returned as it is.
 */
export function withWritten(chart: Chart, written: Written[]): Chart {
  const band = chart.id.startsWith('fan.') ? chart.id.slice(4) : '';
  const w = written.find((x) => x.id === band);
  if (!w) return chart;
  const o = clone(chart.option as Option);
  const series = (o.series as Record<string, unknown>[]) ?? [];
  const line: Record<string, unknown> = {
    name: seriesWritten,
    type: 'line',
    data: w.values,
    showSymbol: false,
    z: 5,
    lineStyle: { width: 2, type: 'dotted', color: writtenColor },
    itemStyle: { color: writtenColor },
  };
  if (w.cap) {
    const cap = w.cap;
    line.markLine = {
      silent: true,
      symbol: 'none',
      lineStyle: { color: capColor, type: 'dashed', width: 1.5 },
      label: { position: 'insideStartTop', color: capColor, fontSize: 11 },
      // The chart's decoration writes the label: "Cap binds at $41.76B".
      data: [{ yAxis: cap, name: capMark }],
    };
  }
  o.series = [...series, line];
  if (w.cap) {
    // The cap stays in view even when every run stays below it: an invisible
    // point at its level is part of the axis's extent (a mark line is not).
    (o.series as Record<string, unknown>[]).push({
      name: capLevel,
      type: 'line',
      data: [w.cap],
      showSymbol: false,
      silent: true,
      lineStyle: { opacity: 0 },
      tooltip: { show: false },
    });
  }
  return { ...chart, option: o };
}

/** Where a value lies among the runs of a figure. */
export type Among = 'below' | 'inside' | 'above';

/** among says whether the as-written value lies below P10, between P10 and P90, or above P90. */
export function among(base: number, p10: number, p90: number): Among {
  const eps = 1e-9 * Math.max(1, Math.abs(base));
  if (base < p10 - eps) return 'below';
  if (base > p90 + eps) return 'above';
  return 'inside';
}

/**
 * withWrittenMark marks the as-written value on the histogram (its bars stand at
 * their bins' middles on a value axis): a line at the value, or at the end of the
 * runs it lies beyond, labelled with the value.
 */
export function withWrittenMark(chart: Chart, base: number): Chart {
  const o = clone(chart.option as Option);
  const mids = histogramMids(o).filter(Number.isFinite);
  if (mids.length === 0 || !Number.isFinite(base)) return chart;
  const half = mids.length > 1 ? (mids[1] - mids[0]) / 2 : 0;
  const lo = mids[0] - half;
  const hi = mids[mids.length - 1] + half;
  let at = base;
  let where = '';
  if (base < lo) [at, where] = [lo, ', below every run'];
  if (base > hi) [at, where] = [hi, ', above every run'];
  const series = [...((o.series as Record<string, unknown>[]) ?? [])];
  if (series.length === 0) return chart;
  series[0] = {
    ...series[0],
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { color: writtenColor, type: 'dashed', width: 2 },
      label: { position: 'insideEndTop', color: writtenColor, fontSize: 11 },
      // The label is the mark's name (decorateUncertainty).
      data: [{ xAxis: at, name: `As written ${formatCompact(base, 2)}${where}` }],
    },
  };
  o.series = series;
  return { ...chart, option: o };
}
