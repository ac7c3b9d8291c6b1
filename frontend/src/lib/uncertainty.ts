// The uncertainty view's formatting: the Go side builds the fan, histogram and
// tornado options (backend/charts/uncertainty.go) and the simulation's figures;
// this adds what JSON cannot carry (formatters) and formats for people. Nothing
// here computes a figure of the model.

import { decorate, type Option, type Theme } from './chartOptions';
import { formatCompact, formatExact } from './format';

/** Series names set by backend/charts (SeriesP10 … SeriesAtHigh). */
export const seriesP10 = 'P10';
export const seriesBand = 'P10–P90';
export const seriesMedian = 'Median';
export const seriesMean = 'Mean';
export const seriesAtLow = 'Input at its P10';
export const seriesAtHigh = 'Input at its P90';
/** The as-written line the view adds over a fan (lib/written.ts). */
export const seriesWritten = 'As written';

/** Chart ids set by backend/charts. */
export const fanPrefix = 'fan.';
export const histogramID = 'histogram';
export const tornadoID = 'tornado';

/** isSuperseded says a simulation was replaced by a newer one: its result is dropped quietly. */
export function isSuperseded(err: unknown): boolean {
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  return text.startsWith('superseded');
}

/**
 * keyFan says whether a fan is one the view leads with: cumulative payments, a
 * stake's value, the total compute spend (as the PDF briefing does). The others
 * are a click away.
 */
export function keyFan(id: string): boolean {
  const series = id.startsWith(fanPrefix) ? id.slice(fanPrefix.length) : id;
  return series.endsWith('.cumulative') || series.endsWith('.value') || series === 'total.commitments.paid';
}

/** formatPercent writes a share (0.0431) as a percent: "4.3%"; below 0.1% as "<0.1%". */
export function formatPercent(p: number, digits = 1): string {
  if (!Number.isFinite(p)) return '—';
  if (p > 0 && p < 0.5 / 10 ** (digits + 2)) return `<${(1 / 10 ** digits).toFixed(digits)}%`;
  if (p < 1 && p > 1 - 0.5 / 10 ** (digits + 2)) return `>${(100 - 1 / 10 ** digits).toFixed(digits)}%`;
  return `${(p * 100).toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** formatSigned writes a change in dollars with its sign: "+$2.1B", "-$350M", "$0". */
export function formatSigned(v: number, digits = 1): string {
  if (v === 0 || !Number.isFinite(v)) return formatCompact(v, digits);
  return v > 0 ? `+${formatCompact(v, digits)}` : formatCompact(v, digits);
}

/** formatSignedExact writes a change to the cent with its sign: "+$2,100,000,000.00". */
export function formatSignedExact(v: number): string {
  const s = formatExact(v);
  return v > 0 ? `+${s}` : s;
}

interface AxisParams {
  seriesName?: string;
  name?: string;
  axisValue?: unknown;
  axisValueLabel?: string;
  value?: unknown;
  data?: unknown;
  dataIndex?: number;
  marker?: string;
}

function num(p: AxisParams): number | null {
  const v = p.value ?? (typeof p.data === 'object' && p.data !== null ? (p.data as { value?: unknown }).value : p.data);
  return typeof v === 'number' ? v : null;
}

function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * fanTooltip lists a period of a fan exactly: P10 and P90 (the band is drawn as
 * P10 plus its width, so P90 is their sum), the median and the mean.
 */
export function fanTooltip(params: AxisParams[]): string {
  const by = new Map<string, number>();
  let period = '';
  for (const p of params) {
    period ||= String(p.axisValueLabel ?? p.axisValue ?? p.name ?? '');
    const v = num(p);
    if (p.seriesName && v !== null) by.set(p.seriesName, v);
  }
  const rows: [string, number | undefined][] = [
    ['P90', by.has(seriesP10) && by.has(seriesBand) ? by.get(seriesP10)! + by.get(seriesBand)! : undefined],
    [seriesMedian, by.get(seriesMedian)],
    [seriesMean, by.get(seriesMean)],
    ['P10', by.get(seriesP10)],
    [seriesWritten, by.get(seriesWritten)],
  ];
  const body = rows
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<tr><td>${k}</td><td style="text-align:right;padding-left:12px">${formatExact(v!)}</td></tr>`)
    .join('');
  return `<b>${escapeHTML(period)}</b><table style="border-spacing:0;font-variant-numeric:tabular-nums">${body}</table>`;
}

/** histogramTooltip says which amounts a bar covers and its share of the runs. */
export function histogramTooltip(params: AxisParams[], edges: [number, number] | null): string {
  const p = params[0];
  if (!p) return '';
  const pair = Array.isArray(p.value) ? p.value : null;
  const v = (pair ? Number(pair[1]) : num(p)) ?? 0;
  const mid = pair ? Number(pair[0]) : Number(p.axisValue ?? p.name);
  const range = edges ? `${formatCompact(edges[0], 2)} to ${formatCompact(edges[1], 2)}` : `around ${formatCompact(mid, 2)}`;
  return `${escapeHTML(range)}<br/><b>${formatPercent(v)}</b> of runs`;
}

/** The end of an input's range a tornado bar shows, as backend/charts names it. */
type TornadoEnd = 'P10' | 'P90';

function tornadoEnd(p: AxisParams): TornadoEnd | null {
  const end = typeof p.data === 'object' && p.data !== null ? (p.data as { end?: unknown }).end : undefined;
  return end === 'P10' || end === 'P90' ? end : null;
}

/**
 * tornadoTooltip gives an input's effect at each end of its range, to the cent,
 * the P10 end first. The two bars of a row start at the base and overlap: the
 * first series holds the farther change and the second the nearer, whichever end
 * each is, so each value is named by its item's `end`, not by its series.
 */
export function tornadoTooltip(params: AxisParams[]): string {
  const first = params[0];
  if (!first) return '';
  const label = String(first.axisValueLabel ?? first.axisValue ?? first.name ?? '');
  const ends = params
    .map((p) => ({ p, end: tornadoEnd(p), v: num(p) }))
    .filter((r): r is { p: AxisParams; end: TornadoEnd | null; v: number } => r.v !== null)
    .sort((a, b) => (a.end === b.end ? 0 : a.end === 'P10' || b.end === 'P90' ? -1 : 1));
  const rows = ends
    .map(({ p, end, v }) => {
      const name = end === 'P10' ? seriesAtLow : end === 'P90' ? seriesAtHigh : (p.seriesName ?? '');
      return `<tr><td>${p.marker ?? ''}${escapeHTML(name)}</td><td style="text-align:right;padding-left:12px">${formatSignedExact(v)}</td></tr>`;
    })
    .join('');
  return `<b>${escapeHTML(label)}</b><table style="border-spacing:0;font-variant-numeric:tabular-nums">${rows}</table>`;
}

function objects(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
  return typeof v === 'object' && v !== null ? [v as Record<string, unknown>] : [];
}

/**
 * histogramMids are the middles of a histogram's bins: its bars stand at
 * [middle, share] on a value axis (backend/charts Histogram).
 */
export function histogramMids(option: Option): number[] {
  const first = objects(option.series)[0];
  const data = Array.isArray(first?.data) ? (first.data as unknown[]) : [];
  return data.map((d) => {
    const v = typeof d === 'object' && d !== null && !Array.isArray(d) ? (d as { value?: unknown }).value : d;
    return Array.isArray(v) ? Number(v[0]) : NaN;
  });
}

/** binEdges are a histogram's bin bounds, from its bins' middles (equal bins). */
export function binEdges(mids: number[], i: number): [number, number] | null {
  if (mids.length < 2 || i < 0 || i >= mids.length) return null;
  const half = (mids[1] - mids[0]) / 2;
  return [mids[i] - half, mids[i] + half];
}

/**
 * decorateUncertainty returns a copy of an uncertainty chart's Go option ready to
 * draw: the common decoration ($ axes, exact tooltips, theme), then per chart
 * kind: fans list P10/P90/median/mean exactly; the histogram's x axis reads in
 * dollars, its y axis and tooltip in percent of runs; the tornado's value axis
 * reads as signed changes from the base.
 */
export function decorateUncertainty(id: string, option: Option, theme: Theme): Option {
  const o = decorate(option, theme);
  const tooltip = (o.tooltip ?? {}) as Record<string, unknown>;
  o.tooltip = tooltip;
  if (id.startsWith(fanPrefix)) {
    // The P10 series is the band's invisible base: not a line to toggle.
    const written = objects(o.series).some((x) => x.name === seriesWritten);
    for (const l of objects(o.legend)) l.data = [seriesBand, seriesMedian, seriesMean, ...(written ? [seriesWritten] : [])];
    tooltip.formatter = (ps: AxisParams[]) => fanTooltip(Array.isArray(ps) ? ps : [ps]);
  } else if (id === histogramID) {
    const x = objects(o.xAxis)[0];
    const mids = histogramMids(o);
    if (x) {
      // Round ticks (backend/charts sets them): as many decimals as they need.
      x.axisLabel = { ...(x.axisLabel as object), formatter: (v: unknown) => formatCompact(Number(v), 2), hideOverlap: true };
      x.splitLine = { lineStyle: { color: theme === 'dark' ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.08)' } };
    }
    for (const y of objects(o.yAxis)) {
      y.axisLabel = { ...(y.axisLabel as object), formatter: (v: number) => formatPercent(v, 0) };
    }
    // The as-written mark (lib/written.ts) says what it is in its name; its value
    // is a bin's index, not an amount.
    for (const s of objects(o.series)) {
      const ml = s.markLine;
      if (typeof ml !== 'object' || ml === null) continue;
      const byName = (p: { name?: string }) => p.name ?? '';
      for (const item of objects((ml as Record<string, unknown>).data)) item.label = { ...(item.label as object), formatter: byName };
      (ml as Record<string, unknown>).tooltip = { formatter: byName };
    }
    tooltip.formatter = (ps: AxisParams[]) => {
      const list = Array.isArray(ps) ? ps : [ps];
      const v = list[0]?.value;
      const i = list[0] ? (Array.isArray(v) ? mids.indexOf(Number(v[0])) : (list[0].dataIndex ?? -1)) : -1;
      return histogramTooltip(list, binEdges(mids, i));
    };
  } else if (id === tornadoID) {
    for (const x of objects(o.xAxis)) {
      x.axisLabel = { ...(x.axisLabel as object), formatter: (v: number) => formatSigned(v) };
      x.splitLine = {
        lineStyle: { color: theme === 'dark' ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.08)' },
      };
    }
    // Input labels are long ("Microsoft Azure ($250B incremental): weight of
    // 2027") and often share a beginning: wrapped onto two lines, not cut short.
    for (const y of objects(o.yAxis)) {
      y.axisLabel = { ...(y.axisLabel as object), width: tornadoLabelWidth, overflow: 'break', lineHeight: 13 };
    }
    tooltip.formatter = (ps: AxisParams[]) => tornadoTooltip(Array.isArray(ps) ? ps : [ps]);
  }
  return o;
}

/** The tornado's label column, in px: two lines hold the longest input labels. */
const tornadoLabelWidth = 230;

/** tornadoHeight is a tornado's height for its number of bars: room for two-line labels. */
export function tornadoHeight(option: Option): number {
  const y = objects(option.yAxis)[0];
  const n = Array.isArray(y?.data) ? y.data.length : 0;
  return Math.max(160, Math.min(720, 70 + n * 34));
}

/** A tornado with only the inputs that move its metric, and the labels of the others. */
export interface TornadoRows {
  option: Option;
  still: string[];
}

function barValue(v: unknown): number {
  const x = typeof v === 'object' && v !== null ? (v as { value?: unknown }).value : v;
  return typeof x === 'number' && Number.isFinite(x) ? x : 0;
}

/**
 * movingRows drops the tornado's rows whose input leaves the metric where it is
 * at both ends (a revenue that only shifts when a binding cap is paid, say): a
 * dozen empty rows would bury the two that matter. The PDF briefing leaves them
 * out as well. A change counts when it is over a millionth of the largest one
 * (float noise stays out) and over half a dollar.
 */
export function movingRows(option: Option): TornadoRows {
  const o = structuredClone(option);
  const y = objects(o.yAxis)[0];
  const labels = Array.isArray(y?.data) ? (y.data as unknown[]).map(String) : [];
  const series = objects(o.series);
  const datas = series.map((se) => (Array.isArray(se.data) ? (se.data as unknown[]) : []));
  let largest = 0;
  for (const d of datas) for (const v of d) largest = Math.max(largest, Math.abs(barValue(v)));
  const floor = Math.max(0.5, largest * 1e-6);
  const keep = labels.map((_, i) => datas.some((d) => Math.abs(barValue(d[i])) > floor));
  const still = labels.filter((_, i) => !keep[i]);
  if (y) y.data = labels.filter((_, i) => keep[i]);
  series.forEach((se, k) => {
    se.data = datas[k].filter((_, i) => keep[i]);
  });
  // echarts draws the first category at the bottom: the list of the others reads top down.
  return { option: o, still: still.reverse() };
}

/** runsText writes a count of runs: 10000 → "10,000 runs". */
export function runsText(n: number): string {
  return `${n.toLocaleString('en-US')} run${n === 1 ? '' : 's'}`;
}

/** quarterOrNot writes a quarter from the cap table, or what "" means there. */
export function quarterOrNot(q: string): string {
  return q === '' ? 'not by the end' : q;
}
