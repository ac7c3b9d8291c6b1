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
 * echarts paints a decal (the hatching of a bar) into a pattern image of its own
 * for every decal object it is given: on each redraw, since each option is new.
 * (5.6 files the images by the decal's value too, but never reads them back.) It
 * finds a decal it painted before by the object's identity only, so equal decals
 * share one object: a slider step then paints none. echarts writes on the object
 * it painted (dirty: false, and its defaults); the key is taken from the Go
 * option's decal before any of that, so equal decals keep meeting the same object.
 */
const decals = new Map<string, Record<string, unknown>>();
const maxDecals = 64;

function sharedDecal(decal: Record<string, unknown>): Record<string, unknown> {
  const key = JSON.stringify(decal);
  const known = decals.get(key);
  if (known) return known;
  if (decals.size >= maxDecals) decals.clear();
  decals.set(key, decal);
  return decal;
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
  // A quarterly axis is ticked where years start and labelled with the year
  // (backend/charts sets yearStarts), as the PDF is: "2026", not every third quarter.
  const starts = Array.isArray(o.yearStarts) ? new Set(o.yearStarts.filter((i): i is number => typeof i === 'number')) : null;
  delete o.yearStarts;
  for (const axis of list(o.xAxis)) {
    if (starts && starts.size > 0) {
      const atYear = (i: number) => starts.has(i);
      const tick = child(axis, 'axisTick');
      tick.alignWithLabel = false;
      tick.interval = atYear;
      const label = child(axis, 'axisLabel');
      label.interval = atYear;
      label.formatter = (v: unknown) => String(v).slice(0, 4);
      label.align = 'left';
    } else {
      child(axis, 'axisTick').alignWithLabel = true;
    }
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
    // A light bar (a base under the bars drawn over it, a plan beside what was
    // reported) is faded by opacity: on the dark ground that fades it into the
    // background, so there it is only slightly faded, keeping 3:1 (WCAG's bar for
    // graphics) against the card; its hatching still sets it apart.
    const style = series.itemStyle;
    if (theme === 'dark' && series.type === 'bar' && isObject(style) && typeof style.opacity === 'number' && style.opacity < darkBarOpacity) {
      style.opacity = darkBarOpacity;
    }
    if (isObject(style) && isObject(style.decal)) style.decal = sharedDecal(style.decal);
    if (Array.isArray(series.data)) series.data = series.data.map(plainItem);
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

/**
 * plainItem is a data item that holds only a value (a number, or "-" for none), as
 * that value: echarts reads a series of plain values faster than one of objects,
 * on every redraw, and draws and tells them alike. Other items are kept.
 */
export function plainItem(d: unknown): unknown {
  if (!isObject(d)) return d;
  const keys = Object.keys(d);
  if (keys.length !== 1 || keys[0] !== 'value') return d;
  const v = d.value;
  return typeof v === 'number' || v === '-' ? v : d;
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

/** The opacity of a light bar on the dark theme: see decorate. */
export const darkBarOpacity = 0.9;

/** The cards' ground in the dark theme (app.css --surface). */
export const darkSurface = '#1e232a';

function channels(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * contrast is WCAG's contrast ratio of a colour drawn at an opacity over a ground
 * (both "#rrggbb"): 1 to 21; 3 is the least for graphics.
 */
export function contrast(color: string, opacity: number, ground: string): number {
  const fg = channels(color);
  const bg = channels(ground);
  const seen = fg.map((c, i) => c * opacity + bg[i] * (1 - opacity)) as [number, number, number];
  const a = luminance(seen);
  const b = luminance(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
