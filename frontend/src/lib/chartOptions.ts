// The Go side builds each chart's echarts option (backend/charts). Functions do not
// survive JSON, so the formatters are added here: axis labels like "$12.3B",
// tooltips with exact amounts, labels of the cap mark lines. Nothing is computed.

import { formatCompact, formatExact } from './format';

/** An echarts option as JSON: objects all the way down. */
export type Option = Record<string, unknown>;

/** Names of mark lines set by backend/charts (MarkCap, MarkCapReached). */
export const markCap = 'Cap';
export const markCapReached = 'Cap reached';

/** Theme says which colour scheme a chart is drawn for. */
export type Theme = 'light' | 'dark';

interface MarkParams {
  name?: string;
  value?: unknown;
  data?: { quarter?: string; xAxis?: unknown; yAxis?: unknown };
}

/** markLabel is the text of a mark line or point from the Go option. */
export function markLabel(p: MarkParams): string {
  const name = p.name ?? '';
  if (p.data?.quarter) return `${name} ${p.data.quarter}`;
  if (typeof p.value === 'number') return `${name} ${formatCompact(p.value, 2)}`;
  return name;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.filter(isObject);
  return isObject(v) ? [v] : [];
}

function child(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = o[key];
  if (isObject(v)) return v;
  const fresh: Record<string, unknown> = {};
  o[key] = fresh;
  return fresh;
}

/**
 * decorate returns a copy of a Go chart option with the formatters and theme
 * details that JSON cannot carry. The input is not changed.
 */
export function decorate(option: Option, theme: Theme): Option {
  const o = structuredClone(option);
  o.backgroundColor = 'transparent';
  o.textStyle = { fontFamily: 'inherit' };
  // Charts follow the sliders: an animation would show numbers that are not the model's.
  o.animation = false;
  // A chart in gigawatts (capacity in service) says so; the others are in dollars.
  const gw = o.unit === 'GW';
  delete o.unit;
  const axisValue = gw ? (v: number) => `${formatGW(v)} GW` : (v: number) => formatCompact(v);

  for (const axis of list(o.yAxis)) {
    if (axis.type === 'value' || axis.type === undefined) {
      child(axis, 'axisLabel').formatter = axisValue;
      child(axis, 'splitLine').lineStyle = {
        color: theme === 'dark' ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.08)',
      };
    }
  }
  for (const axis of list(o.xAxis)) {
    child(axis, 'axisTick').alignWithLabel = true;
  }

  const tooltip = child(o, 'tooltip');
  tooltip.valueFormatter = (v: unknown) => {
    if (typeof v !== 'number') return String(v ?? '—');
    // $B first, as the axes read; the exact amount after it, for whoever checks.
    return gw ? `${formatGW(v)} GW` : moneyTip(v);
  };
  tooltip.confine = true;
  if (theme === 'dark') {
    tooltip.backgroundColor = '#262c35';
    tooltip.borderColor = '#3a424d';
    tooltip.textStyle = { color: '#e6e9ee' };
  }

  for (const series of list(o.series)) {
    const markLine = series.markLine;
    if (isObject(markLine)) {
      child(markLine, 'label').formatter = markLabel;
      markLine.tooltip = { formatter: (p: MarkParams) => markTooltip(p) };
      for (const item of list(markLine.data)) {
        child(item, 'label').formatter = markLabel;
      }
    }
    const markPoint = series.markPoint;
    if (isObject(markPoint)) {
      markPoint.tooltip = { formatter: (p: MarkParams) => markTooltip(p) };
      for (const item of list(markPoint.data)) {
        child(item, 'label').formatter = markLabel;
      }
    }
  }
  return o;
}

/** formatGW writes gigawatts with at most three decimals: 4.5, 0.75. */
export function formatGW(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

/** moneyTip writes an amount for a tooltip: "$108.64B ($108,640,000,000.00)"; small amounts once. */
export function moneyTip(v: number): string {
  const short = formatCompact(v, 2);
  const exact = formatExact(v);
  return Math.abs(v) < 1e6 ? exact : `${short} (${exact})`;
}

/** markTooltip is the tooltip of a mark: its name and exact value or quarter. */
export function markTooltip(p: MarkParams): string {
  const name = p.name ?? '';
  if (p.data?.quarter) {
    const v = typeof p.value === 'number' ? `: ${formatExact(p.value)}` : '';
    return `${name} in ${p.data.quarter}${v}`;
  }
  if (typeof p.value === 'number') return `${name}: ${formatExact(p.value)}`;
  return name;
}
